using System;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// One session slot of the board (preallocated; reused after it ends): the sequencing state of one authenticated
    /// host, its reply cache and the early arrivals it holds (both window × frame), and the pids it declared.
    /// Touched only under the engine lock of <see cref="BoardLink"/>.
    /// </summary>
    internal sealed class LinkSession
    {
        public readonly int Slot;
        public readonly byte[] HostId = new byte[HelloRequest.IdSize];

        // Reply cache: entry seq % window holds the sealed reply frame of seq (header at 0, body at 16).
        public readonly byte[][] CacheFrames;
        public readonly Reply[] CacheReplies;
        public readonly uint[] CacheSeq;
        public readonly int[] CacheBodyLength;
        public readonly bool[] CacheValid;

        // Early arrivals: entry seq % (window - 1) holds the whole request frame of seq until its turn. Only the
        // window - 1 sequence numbers after NextSeq can arrive early (NextSeq itself executes at once), and they are
        // distinct modulo window - 1, so a window of 1 holds nothing and the ESP32's window of 2 holds one frame.
        public readonly byte[][] HoldFrames;
        public readonly uint[] HoldSeq;
        public readonly int[] HoldBodyLength;
        public readonly bool[] HoldValid;

        private readonly int[] pids;
        private int pidCount;

        public bool InUse;
        public LinkPort Port;
        public int MaxBody;
        public int Window;
        public uint Features;

        /// <summary>The next sequence number to execute (the first is 1).</summary>
        public uint NextSeq;
        public long LastRxMs;

        public LinkSession(int slot, int window, int maxBody, int processes)
        {
            Slot = slot;
            int frame = LinkLimits.FrameLength(maxBody);
            CacheFrames = new byte[window][];
            CacheReplies = new Reply[window];
            CacheSeq = new uint[window];
            CacheBodyLength = new int[window];
            CacheValid = new bool[window];
            HoldFrames = new byte[window - 1][];
            HoldSeq = new uint[window - 1];
            HoldBodyLength = new int[window - 1];
            HoldValid = new bool[window - 1];
            for (int i = 0; i < window; i++)
            {
                CacheFrames[i] = new byte[frame];
                CacheReplies[i] = new Reply(CacheFrames[i], FrameHeader.Size, maxBody);
            }

            for (int i = 0; i < window - 1; i++)
            {
                HoldFrames[i] = new byte[frame];
            }

            pids = new int[processes];
        }

        /// <summary>Starts the slot for a newly authenticated host.</summary>
        public void Open(LinkPort port, byte[] hostId, int maxBody, int window, uint features, long nowMs)
        {
            InUse = true;
            Port = port;
            Array.Copy(hostId, 0, HostId, 0, HostId.Length);
            MaxBody = maxBody;
            Window = window;
            Features = features;
            NextSeq = 1;
            LastRxMs = nowMs;
            pidCount = 0;
            for (int i = 0; i < CacheValid.Length; i++)
            {
                CacheValid[i] = false;
                CacheReplies[i].Limit(maxBody);
            }

            for (int i = 0; i < HoldValid.Length; i++)
            {
                HoldValid[i] = false;
            }
        }

        public void Close()
        {
            InUse = false;
            Port = null;
            pidCount = 0;
        }

        /// <summary>The reply cache index of a sequence number.</summary>
        public int IndexOf(uint seq)
        {
            return (int)(seq % (uint)Window);
        }

        /// <summary>The hold index of a sequence number that arrived early (only when the window is 2 or more).</summary>
        public int HoldIndexOf(uint seq)
        {
            return (int)(seq % (uint)(Window - 1));
        }

        public bool IsDeclared(int pid)
        {
            for (int i = 0; i < pidCount; i++)
            {
                if (pids[i] == pid)
                {
                    return true;
                }
            }

            return false;
        }

        public bool ProcessTableFull
        {
            get { return pidCount >= pids.Length; }
        }

        public void AddPid(int pid)
        {
            pids[pidCount++] = pid;
        }

        public bool SameHost(byte[] hostId)
        {
            for (int i = 0; i < HostId.Length; i++)
            {
                if (HostId[i] != hostId[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
