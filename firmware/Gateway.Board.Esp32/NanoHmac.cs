using System;
using System.Security.Cryptography;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// HMAC-SHA-256 with the provisioned key through nanoFramework.System.Security.Cryptography.
    /// Its ComputeHash takes a whole array, so each call copies the data once: authentication is a few
    /// messages per session, never the steady state.
    /// </summary>
    public sealed class NanoHmac : IHmac
    {
        private const int MacLength = 32;

        private readonly HMACSHA256 hmac;

        public NanoHmac(byte[] key)
        {
            hmac = new HMACSHA256(key);
        }

        public void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            byte[] input = new byte[count];
            Array.Copy(data, offset, input, 0, count);
            byte[] hash;
            lock (hmac)
            {
                hash = hmac.ComputeHash(input);
            }

            Array.Copy(hash, 0, mac, macOffset, MacLength);
        }
    }
}
