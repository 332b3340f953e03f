using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Bench.Baseline;

/// <summary>
/// Benchmark-only: how <c>ResourceManager.Handle</c> decoded an <c>_IO_MMAP</c> request before issue 10 (commit
/// 069f495), with today's decoders (unchanged since): the combine message parsed, every part decoded to validate
/// it (RM-0: nothing runs before the whole message is valid), then every part decoded again to run it. The board
/// no longer does this; <see cref="DecodeOnceMmap"/> is what it does now.
/// </summary>
public sealed class DecodeTwiceMmap
{
    private readonly CombineMessage combine = new();

    /// <summary>The decoded request of the last part run.</summary>
    public IoMmapRequest Request { get; } = new();

    /// <summary>Decoder passes over <c>_io_mmap</c> parts in the last message.</summary>
    public int Decodes { get; private set; }

    /// <summary>The parts of the last message.</summary>
    public int Parts => combine.PartCount;

    public DecodeError Decode(byte[] b, int o, int n)
    {
        Decodes = 0;
        DecodeError e = combine.Parse(b, o, n);
        if (e != DecodeError.None)
        {
            return e;
        }

        // Validate pass.
        for (int i = 0; i < combine.PartCount; i++)
        {
            e = DecodePart(b, i);
            if (e != DecodeError.None)
            {
                return e;
            }
        }

        // Run pass: each part decoded again before its handler runs.
        for (int i = 0; i < combine.PartCount; i++)
        {
            e = DecodePart(b, i);
            if (e != DecodeError.None)
            {
                return e;
            }
        }

        return DecodeError.None;
    }

    private DecodeError DecodePart(byte[] b, int i)
    {
        if (combine.PartType[i] != IoMessageType.Mmap)
        {
            return DecodeError.WrongType;
        }

        Decodes++;
        return Request.Decode(b, combine.PartOffset[i], combine.PartLength[i]);
    }
}
