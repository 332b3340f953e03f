using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The body of HELLO (host → board), 64 bytes. Header: seq = handshake attempt (1, 2, …), a = b = 0.
    /// <code>
    /// off size field       meaning
    ///   0   4  max_body    u32: the largest body the host sends and accepts
    ///   4   2  window      u16: requests the host wants in flight (≥ 1)
    ///   6   2  reserved    0
    ///   8   4  features    u32: LinkFeatures the host asks for
    ///  12   4  reserved    0
    ///  16  16  host_id     the host's stable identity (a restarted host sends the same one)
    ///  32  32  host_nonce  fresh random bytes for this attempt
    /// </code>
    /// </summary>
    public sealed class HelloRequest
    {
        public const int Size = 64;
        public const int OffMaxBody = 0;
        public const int OffWindow = 4;
        public const int OffReserved6 = 6;
        public const int OffFeatures = 8;
        public const int OffReserved12 = 12;
        public const int OffHostId = 16;
        public const int OffHostNonce = 32;

        public const int IdSize = 16;
        public const int NonceSize = 32;

        public int MaxBody;
        public int Window;
        public uint Features;
        public readonly byte[] HostId = new byte[IdSize];
        public readonly byte[] HostNonce = new byte[NonceSize];

        /// <summary>Decodes a HELLO body; bytes after the 64 are ignored (a later version may append fields).</summary>
        public DecodeError Decode(byte[] b, int o, int count)
        {
            if (count < Size)
            {
                return DecodeError.Truncated;
            }

            uint maxBody = LittleEndian.ReadU32(b, o + OffMaxBody);
            MaxBody = maxBody > LinkLimits.MaxBody ? LinkLimits.MaxBody : (int)maxBody;
            Window = LittleEndian.ReadU16(b, o + OffWindow);
            Features = LittleEndian.ReadU32(b, o + OffFeatures);
            System.Array.Copy(b, o + OffHostId, HostId, 0, IdSize);
            System.Array.Copy(b, o + OffHostNonce, HostNonce, 0, NonceSize);
            return DecodeError.None;
        }

        /// <summary>Encodes the 64 bytes, reserved fields zero. Returns <see cref="Size"/>.</summary>
        public int Encode(byte[] b, int o)
        {
            LittleEndian.WriteU32(b, o + OffMaxBody, (uint)MaxBody);
            LittleEndian.WriteU16(b, o + OffWindow, (ushort)Window);
            LittleEndian.Zero(b, o + OffReserved6, 2);
            LittleEndian.WriteU32(b, o + OffFeatures, Features);
            LittleEndian.Zero(b, o + OffReserved12, 4);
            System.Array.Copy(HostId, 0, b, o + OffHostId, IdSize);
            System.Array.Copy(HostNonce, 0, b, o + OffHostNonce, NonceSize);
            return Size;
        }
    }
}
