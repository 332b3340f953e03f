using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Bench;

/// <summary>
/// How <c>ResourceManager.Handle</c> decodes an <c>_IO_MMAP</c> request since issue 10, reduced to the decoding:
/// the combine message parsed, every part decoded to validate it (RM-0), and a part decoded again to run it only
/// when the decoder has since moved on to another part of the same type (the resource manager's <c>mmapAt</c>), so
/// a one-part request is decoded once. The benchmarks time it beside <see cref="Baseline.DecodeTwiceMmap"/>.
/// </summary>
public sealed class DecodeOnceMmap
{
    private readonly CombineMessage combine = new();
    private int mmapAt;

    /// <summary>The decoded request of the last part run.</summary>
    public IoMmapRequest Request { get; } = new();

    /// <summary>Decoder passes over <c>_io_mmap</c> parts in the last message.</summary>
    public int Decodes { get; private set; }

    /// <summary>The parts of the last message.</summary>
    public int Parts => combine.PartCount;

    public DecodeError Decode(byte[] b, int o, int n)
    {
        Decodes = 0;
        mmapAt = -1;
        DecodeError e = combine.Parse(b, o, n);
        if (e != DecodeError.None)
        {
            return e;
        }

        for (int i = 0; i < combine.PartCount; i++)
        {
            if (combine.PartType[i] != IoMessageType.Mmap)
            {
                return DecodeError.WrongType;
            }

            e = DecodePart(b, i);
            if (e != DecodeError.None)
            {
                return e;
            }
        }

        for (int i = 0; i < combine.PartCount; i++)
        {
            if (mmapAt != combine.PartOffset[i])
            {
                DecodePart(b, i);
            }
        }

        return DecodeError.None;
    }

    private DecodeError DecodePart(byte[] b, int i)
    {
        Decodes++;
        mmapAt = combine.PartOffset[i];
        return Request.Decode(b, combine.PartOffset[i], combine.PartLength[i]);
    }
}
