using Gateway.Protocol.Link;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Bench.Baseline;

/// <summary>
/// The link-version-1 encoder (table CRC-32, then COBS, then a 0x00 delimiter), kept only so the benchmarks compare
/// old and new framing on the same machine. The board no longer carries it.
/// </summary>
public static class CobsFrameEncoder
{
    public const byte Delimiter = 0x00;

    public static int WireLength(int maxBody) => Cobs.MaxEncodedLength(LinkLimits.FrameLength(maxBody)) + 1;

    public static int Encode(byte[] frame, int frameOffset, int bodyLength, byte[] dst, int dstOffset)
    {
        int covered = FrameHeader.Size + bodyLength;
        LittleEndian.WriteU32(frame, frameOffset + covered, Crc32.Compute(frame, frameOffset, covered));
        int length = covered + FrameHeader.CrcSize;
        int n = Cobs.Encode(frame, frameOffset, length, dst, dstOffset);
        dst[dstOffset + n] = Delimiter;
        return n + 1;
    }
}
