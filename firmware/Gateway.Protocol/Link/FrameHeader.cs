using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The 16-byte header that starts every decoded link frame (hardware-docs/link.md §2). All fields little-endian.
    /// <code>
    /// off size field    meaning
    ///   0   1  version  link protocol version (1)
    ///   1   1  kind     FrameKind
    ///   2   1  flags    FrameFlags: bit 0 ERROR on replies; other bits 0
    ///   3   1  reason   RefusalReason of a link refusal; 0 otherwise
    ///   4   4  seq      u32: sequence number (REQUEST, DECLARE and their REPLY), handshake attempt (HELLO, AUTH and
    ///                   their replies), ping number (PING/PONG), per-source counter (EVENT)
    ///   8   4  a        i32: requests: sender pid; replies: status (≥ 0) or errno (ERROR); EVENT: source;
    ///                   DECLARE: pid; AUTH_REPLY: session slot
    ///  12   4  b        i32: requests: coid; DECLARE: process flags; EVENT: code; replies: 0
    ///  16   n  body     kind-specific
    /// 16+n  4  crc      CRC-32 (IEEE) of bytes 0 … 15+n, little-endian
    /// </code>
    /// </summary>
    public sealed class FrameHeader
    {
        public const int Size = 16;
        public const int CrcSize = 4;

        public const int OffVersion = 0;
        public const int OffKind = 1;
        public const int OffFlags = 2;
        public const int OffReason = 3;
        public const int OffSeq = 4;
        public const int OffA = 8;
        public const int OffB = 12;

        public int Version;
        public FrameKind Kind;
        public FrameFlags Flags;
        public RefusalReason Reason;
        public uint Seq;
        public int A;
        public int B;

        /// <summary>True when the ERROR flag is set (a reply's <see cref="A"/> is then an errno).</summary>
        public bool IsError
        {
            get { return (Flags & FrameFlags.Error) != 0; }
        }

        /// <summary>Sets every field (version = <see cref="LinkLimits.Version"/>).</summary>
        public void Set(FrameKind kind, FrameFlags flags, RefusalReason reason, uint seq, int a, int b)
        {
            Version = LinkLimits.Version;
            Kind = kind;
            Flags = flags;
            Reason = reason;
            Seq = seq;
            A = a;
            B = b;
        }

        /// <summary>Reads the header from 16 bytes at <paramref name="o"/> (the caller has checked the length).</summary>
        public void Read(byte[] b, int o)
        {
            Version = b[o + OffVersion];
            Kind = (FrameKind)b[o + OffKind];
            Flags = (FrameFlags)b[o + OffFlags];
            Reason = (RefusalReason)b[o + OffReason];
            Seq = LittleEndian.ReadU32(b, o + OffSeq);
            A = LittleEndian.ReadI32(b, o + OffA);
            B = LittleEndian.ReadI32(b, o + OffB);
        }

        /// <summary>Writes the header into 16 bytes at <paramref name="o"/>.</summary>
        public void Write(byte[] b, int o)
        {
            Write(b, o, Kind, Flags, Reason, Seq, A, B);
            b[o + OffVersion] = (byte)Version;
        }

        /// <summary>Writes a header of this link version (<see cref="LinkLimits.Version"/>) without a header object.</summary>
        public static void Write(byte[] b, int o, FrameKind kind, FrameFlags flags, RefusalReason reason, uint seq, int a, int bValue)
        {
            b[o + OffVersion] = (byte)LinkLimits.Version;
            b[o + OffKind] = (byte)kind;
            b[o + OffFlags] = (byte)flags;
            b[o + OffReason] = (byte)reason;
            LittleEndian.WriteU32(b, o + OffSeq, seq);
            LittleEndian.WriteI32(b, o + OffA, a);
            LittleEndian.WriteI32(b, o + OffB, bValue);
        }

        public void CopyFrom(FrameHeader h)
        {
            Version = h.Version;
            Kind = h.Kind;
            Flags = h.Flags;
            Reason = h.Reason;
            Seq = h.Seq;
            A = h.A;
            B = h.B;
        }
    }
}
