using System;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The mutual challenge–response of the handshake (hardware-docs/link.md §3), HMAC-SHA-256 with the board's
    /// pre-shared key through <see cref="IHmac"/>. Each proof covers the whole transcript, so a proof made for one
    /// pair of nonces is worthless for any other:
    /// <code>
    /// board_proof = HMAC(K, "gateway-link-v1 board-proof" ‖ HELLO body (64) ‖ HELLO_REPLY body bytes 0…159)
    /// host_proof  = HMAC(K, "gateway-link-v1 host-proof"  ‖ HELLO body (64) ‖ HELLO_REPLY body (192, with board_proof))
    /// board_nonce = HMAC(K, "gateway-link-v1 board-nonce" ‖ boot_id (16) ‖ u32 counter ‖ i64 ms ‖ host_nonce (32))
    /// </code>
    /// The board nonce is a PRF of a per-boot counter, so it never repeats on a board whose boot id is fresh, and
    /// nobody without the key can predict it. Labels are ASCII; every other part has a fixed size.
    /// </summary>
    public static class LinkAuth
    {
        public const int MacSize = 32;

        /// <summary>The scratch bytes a transcript needs (the longest label, 64, and 192).</summary>
        public const int ScratchSize = 320;

        private static readonly byte[] BoardProofLabel = Ascii("gateway-link-v1 board-proof");
        private static readonly byte[] HostProofLabel = Ascii("gateway-link-v1 host-proof");
        private static readonly byte[] NonceLabel = Ascii("gateway-link-v1 board-nonce");

        /// <summary>Computes the board's proof into <paramref name="mac"/> (32 bytes at <paramref name="macOffset"/>).</summary>
        public static void BoardProof(IHmac hmac, byte[] hello, int helloOffset, byte[] reply, int replyOffset, byte[] scratch, byte[] mac, int macOffset)
        {
            int n = Put(scratch, 0, BoardProofLabel, 0, BoardProofLabel.Length);
            n = Put(scratch, n, hello, helloOffset, HelloRequest.Size);
            n = Put(scratch, n, reply, replyOffset, HelloReply.ProvenSize);
            hmac.Compute(scratch, 0, n, mac, macOffset);
        }

        /// <summary>Computes the host's proof (the AUTH body) into <paramref name="mac"/>.</summary>
        public static void HostProof(IHmac hmac, byte[] hello, int helloOffset, byte[] reply, int replyOffset, byte[] scratch, byte[] mac, int macOffset)
        {
            int n = Put(scratch, 0, HostProofLabel, 0, HostProofLabel.Length);
            n = Put(scratch, n, hello, helloOffset, HelloRequest.Size);
            n = Put(scratch, n, reply, replyOffset, HelloReply.Size);
            hmac.Compute(scratch, 0, n, mac, macOffset);
        }

        /// <summary>Derives a board nonce (32 bytes at <paramref name="dstOffset"/>).</summary>
        public static void BoardNonce(IHmac hmac, byte[] bootId, uint counter, long ms, byte[] hostNonce, int hostNonceOffset, byte[] scratch, byte[] dst, int dstOffset)
        {
            int n = Put(scratch, 0, NonceLabel, 0, NonceLabel.Length);
            n = Put(scratch, n, bootId, 0, HelloRequest.IdSize);
            LittleEndian.WriteU32(scratch, n, counter);
            n += 4;
            LittleEndian.WriteI64(scratch, n, ms);
            n += 8;
            n = Put(scratch, n, hostNonce, hostNonceOffset, HelloRequest.NonceSize);
            hmac.Compute(scratch, 0, n, dst, dstOffset);
        }

        /// <summary>Compares two MACs in time independent of where they differ.</summary>
        public static bool MacEquals(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            int diff = 0;
            for (int i = 0; i < MacSize; i++)
            {
                diff |= a[aOffset + i] ^ b[bOffset + i];
            }

            return diff == 0;
        }

        private static int Put(byte[] dst, int at, byte[] src, int offset, int count)
        {
            Array.Copy(src, offset, dst, at, count);
            return at + count;
        }

        private static byte[] Ascii(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }

            return b;
        }
    }
}
