using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The body of a successful HELLO_REPLY (board → host), 192 bytes. Header: seq = the HELLO's attempt, flags 0,
    /// a = b = 0. The board proves the key first: <c>board_proof</c> (LinkAuth.BoardProof) covers the HELLO body and
    /// bytes 0 … 159 of this one.
    /// <code>
    /// off size field               meaning
    ///   0   4  max_body            u32: negotiated, min(host, board)
    ///   4   2  window              u16: negotiated, min(host, board)
    ///   6   2  board_kind          u16: BoardKind (0 hardware, 1 emulated); boards older than the field send 0
    ///   8   4  features            u32: granted = asked ∧ supported
    ///  12   4  session_timeout_ms  u32: the board ends a session silent this long (the host pings well within it)
    ///  16  16  boot_id             changes at every board start
    ///  32  32  board_nonce         the board's challenge for AUTH
    ///  64  32  board_name          UTF-8, NUL-padded
    ///  96  32  board_model         UTF-8, NUL-padded
    /// 128  32  firmware_version    UTF-8, NUL-padded
    /// 160  32  board_proof         HMAC-SHA-256
    /// </code>
    /// A refused HELLO (flags ERROR, a = errno, reason set) has the 4-byte body of <see cref="RefusalSize"/>:
    /// u8 lowest version, u8 highest version the board speaks, u16 reserved 0.
    /// </summary>
    public sealed class HelloReply
    {
        public const int Size = 192;
        public const int OffMaxBody = 0;
        public const int OffWindow = 4;
        public const int OffBoardKind = 6;
        public const int OffFeatures = 8;
        public const int OffSessionTimeout = 12;
        public const int OffBootId = 16;
        public const int OffBoardNonce = 32;
        public const int OffName = 64;
        public const int OffModel = 96;
        public const int OffFirmware = 128;
        public const int OffProof = 160;

        /// <summary>The bytes the board's proof covers (everything before it).</summary>
        public const int ProvenSize = OffProof;

        public const int TextSize = 32;
        public const int ProofSize = LinkAuth.MacSize;

        public const int RefusalSize = 4;
        public const int OffRefusalLowestVersion = 0;
        public const int OffRefusalHighestVersion = 1;
        public const int OffRefusalReserved = 2;

        public int MaxBody;
        public int Window;
        public uint Features;
        public int SessionTimeoutMs;
        public readonly byte[] BootId = new byte[HelloRequest.IdSize];
        public readonly byte[] BoardNonce = new byte[HelloRequest.NonceSize];
        public readonly byte[] Name = new byte[TextSize];
        public readonly byte[] Model = new byte[TextSize];
        public readonly byte[] Firmware = new byte[TextSize];
        public readonly byte[] Proof = new byte[ProofSize];

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
            uint timeout = LittleEndian.ReadU32(b, o + OffSessionTimeout);
            SessionTimeoutMs = timeout > int.MaxValue ? int.MaxValue : (int)timeout;
            System.Array.Copy(b, o + OffBootId, BootId, 0, BootId.Length);
            System.Array.Copy(b, o + OffBoardNonce, BoardNonce, 0, BoardNonce.Length);
            System.Array.Copy(b, o + OffName, Name, 0, TextSize);
            System.Array.Copy(b, o + OffModel, Model, 0, TextSize);
            System.Array.Copy(b, o + OffFirmware, Firmware, 0, TextSize);
            System.Array.Copy(b, o + OffProof, Proof, 0, ProofSize);
            return DecodeError.None;
        }

        /// <summary>Encodes all 192 bytes, <c>board_kind</c> 0 (<see cref="WriteKind"/> sets it), the proof as it stands. Returns <see cref="Size"/>.</summary>
        public int Encode(byte[] b, int o)
        {
            LittleEndian.WriteU32(b, o + OffMaxBody, (uint)MaxBody);
            LittleEndian.WriteU16(b, o + OffWindow, (ushort)Window);
            LittleEndian.WriteU16(b, o + OffBoardKind, BoardKind.Hardware);
            LittleEndian.WriteU32(b, o + OffFeatures, Features);
            LittleEndian.WriteU32(b, o + OffSessionTimeout, (uint)SessionTimeoutMs);
            System.Array.Copy(BootId, 0, b, o + OffBootId, BootId.Length);
            System.Array.Copy(BoardNonce, 0, b, o + OffBoardNonce, BoardNonce.Length);
            System.Array.Copy(Name, 0, b, o + OffName, TextSize);
            System.Array.Copy(Model, 0, b, o + OffModel, TextSize);
            System.Array.Copy(Firmware, 0, b, o + OffFirmware, TextSize);
            System.Array.Copy(Proof, 0, b, o + OffProof, ProofSize);
            return Size;
        }

        /// <summary>
        /// <c>board_kind</c> of an encoded reply (<see cref="BoardKind"/>). Read and written in place rather than held
        /// in a field: every field of a board object costs a heap block on nanoFramework, and the ESP32 counts them.
        /// </summary>
        public static int ReadKind(byte[] b, int o)
        {
            return LittleEndian.ReadU16(b, o + OffBoardKind);
        }

        /// <summary>Sets <c>board_kind</c> of a reply <see cref="Encode"/> wrote (0, hardware); before the proof is made.</summary>
        public static void WriteKind(byte[] b, int o, int kind)
        {
            LittleEndian.WriteU16(b, o + OffBoardKind, (ushort)kind);
        }

        /// <summary>Writes the 4-byte body of a refused HELLO. Returns <see cref="RefusalSize"/>.</summary>
        public static int EncodeRefusal(byte[] b, int o)
        {
            b[o + OffRefusalLowestVersion] = (byte)LinkLimits.Version;
            b[o + OffRefusalHighestVersion] = (byte)LinkLimits.Version;
            LittleEndian.Zero(b, o + OffRefusalReserved, 2);
            return RefusalSize;
        }
    }
}
