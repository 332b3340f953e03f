using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// One served stream (preallocated; reused): its decoder, its transmit buffer, the handshake in progress on it and
    /// the session it carries (at most one at a time). Writes to the stream are serialized by <see cref="WriteLock"/>,
    /// the only lock taken inside it; <see cref="EventsEnabled"/> and <see cref="Stream"/> change only under it, so
    /// an event never precedes the AUTH_REPLY nor follows the session's end.
    /// </summary>
    internal sealed class LinkPort
    {
        public readonly int Index;
        public readonly object WriteLock = new object();
        public readonly FrameDecoder Decoder;
        public readonly byte[] Rx;
        public readonly byte[] Tx;

        /// <summary>Scratch for link-made frames: header + the largest control body (HELLO_REPLY) + CRC.</summary>
        public readonly byte[] Control = new byte[LinkLimits.FrameLength(HelloReply.Size)];

        // The handshake in progress: the HELLO as received and the HELLO_REPLY body as sent (the transcript).
        public readonly HelloRequest Hello = new HelloRequest();
        public readonly HelloReply HelloReply = new HelloReply();
        public readonly byte[] HelloBody = new byte[HelloRequest.Size];
        public readonly byte[] ReplyBody = new byte[HelloReply.Size];
        public bool Pending;
        public uint PendingSeq;
        public long PendingSinceMs;

        // The AUTH that opened the current session, to answer its retransmission again.
        public readonly byte[] AuthProof = new byte[LinkAuth.MacSize];
        public uint AuthSeq;

        public bool InUse;

        /// <summary>Reads in a row that returned nothing (a frame stuck half-way is dropped after a few).</summary>
        public int IdlePolls;
        private int broken;
        public bool EventsEnabled;
        public IByteStream Stream;
        public LinkSession Session;

        /// <summary>A write failed: the serve loop ends at its next turn (set from any thread).</summary>
        public bool IsBroken
        {
            get { return Interlocked.CompareExchange(ref broken, 0, 0) != 0; }
        }

        public void MarkBroken()
        {
            Interlocked.Exchange(ref broken, 1);
        }

        public void ClearBroken()
        {
            Interlocked.Exchange(ref broken, 0);
        }

        public LinkPort(int index, int maxBody, int readChunk, ICrc32 crc)
        {
            Index = index;
            Decoder = new FrameDecoder(maxBody, crc);
            Rx = new byte[readChunk];
            Tx = new byte[LinkLimits.WireLength(maxBody)];
        }
    }
}
