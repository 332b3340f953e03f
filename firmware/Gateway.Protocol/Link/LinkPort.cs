using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// One served stream (preallocated; reused): its decoder, its output queue, the handshake in progress on it and
    /// the session it carries (at most one at a time). The engine never writes to the stream: frames go into
    /// <see cref="Output"/>, whose writer thread writes them (hardware-docs/link.md §7).
    /// Fields are touched under the engine lock, except <see cref="Rx"/> and the decoder (the serve thread's own)
    /// and <see cref="Dropped"/> (any thread).
    /// </summary>
    internal sealed class LinkPort
    {
        public readonly int Index;
        public readonly FrameDecoder Decoder;
        public readonly byte[] Rx;
        public readonly LinkOutput Output;

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

        /// <summary>A line (a UART, a tty) is never closed for carrying no session; a connection is.</summary>
        public bool IsLine;

        /// <summary>The serve loop has ended (the slot frees once its writer is done).</summary>
        public bool Ending;

        /// <summary>The slot is promised to one waiting new stream, which alone may take it when it frees.</summary>
        public bool Promised;

        /// <summary>Who the stream came from (<see cref="BoardLink.UnknownPeer"/>: a peer of its own), for the fair share.</summary>
        public int Peer;

        /// <summary>The peer of the new stream the slot is promised to (counted as its, not the leaving stream's).</summary>
        public int PromisedPeer;

        /// <summary>When the stream was attached (the oldest unauthenticated connection is evicted first).</summary>
        public long AttachedMs;

        /// <summary>Since when the stream has carried no session (attach, or its session's end).</summary>
        public long SessionlessSinceMs;

        /// <summary>Reads in a row that returned nothing (a frame stuck half-way is dropped after a few).</summary>
        public int IdlePolls;
        public IByteStream Stream;
        public LinkSession Session;

        private int dropped;

        public LinkPort(int index, int maxBody, int readChunk, int outputBytes, ICrc32 crc, IClock clock, LinkCounters counters, int pollMs)
        {
            Index = index;
            Decoder = new FrameDecoder(maxBody, crc);
            Rx = new byte[readChunk];
            Output = new LinkOutput(outputBytes, crc, clock, counters, pollMs);
        }

        /// <summary>The link decided to drop the stream (idle, evicted, stalled): the serve loop ends at its next turn.</summary>
        public bool Dropped
        {
            get { return Interlocked.CompareExchange(ref dropped, 0, 0) != 0; }
        }

        /// <summary>Marks the stream dropped; true for the caller that marked it first.</summary>
        public bool MarkDropped()
        {
            return Interlocked.Exchange(ref dropped, 1) == 0;
        }

        public void ClearDropped()
        {
            Interlocked.Exchange(ref dropped, 0);
        }
    }
}
