using System;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The host nonces of the last handshakes (a fixed ring): a HELLO repeating one of them is a replayed challenge.
    /// Touched under the engine lock only.
    /// </summary>
    internal sealed class RecentNonces
    {
        private readonly byte[] nonces;
        private readonly int capacity;
        private int next;
        private int count;

        public RecentNonces(int capacity)
        {
            this.capacity = capacity;
            nonces = new byte[capacity * HelloRequest.NonceSize];
        }

        public bool Seen(byte[] nonce)
        {
            for (int k = 0; k < count; k++)
            {
                int at = k * HelloRequest.NonceSize;
                bool same = true;
                for (int j = 0; j < HelloRequest.NonceSize; j++)
                {
                    if (nonces[at + j] != nonce[j])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return true;
                }
            }

            return false;
        }

        public void Remember(byte[] nonce)
        {
            Array.Copy(nonce, 0, nonces, next * HelloRequest.NonceSize, HelloRequest.NonceSize);
            next = (next + 1) % capacity;
            if (count < capacity)
            {
                count++;
            }
        }
    }
}
