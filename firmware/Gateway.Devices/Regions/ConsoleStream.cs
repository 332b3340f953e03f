using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;

namespace Gateway.Devices.Regions
{
    /// <summary>
    /// /dev/ser1, the console stream (size 0): a read returns the console bytes waiting (0 when none), a write
    /// sends its bytes to the console output; mmap is refused with ENOSYS — QNX's own example of a handler that
    /// should refuse (RM-4, RM-8). Input waits in a fixed ring buffer that the board app feeds.
    /// </summary>
    public sealed class ConsoleStream
    {
        private readonly byte[] ring;
        private readonly object sync = new object();
        private readonly IByteStream output;
        private int head;
        private int count;

        /// <summary>Bytes written to the console (for tests and /fw/status).</summary>
        public int BytesWritten;

        public ConsoleStream(int capacity, IByteStream output)
        {
            ring = new byte[capacity];
            this.output = output;
        }

        public void Attach(ResourceAttr attr)
        {
            attr.Device = this;
            attr.FixedSize = true;
            attr.Funcs.Read = Read;
            attr.Funcs.Write = Write;
            attr.Funcs.Mmap = RefuseMmap;
        }

        /// <summary>Queues console input (bytes that do not fit are dropped, oldest kept).</summary>
        public int Feed(byte[] b, int o, int n)
        {
            lock (sync)
            {
                int taken = 0;
                while (taken < n && count < ring.Length)
                {
                    ring[(head + count) % ring.Length] = b[o + taken];
                    count++;
                    taken++;
                }

                return taken;
            }
        }

        private int Read(ResmgrContext ctp, IoRead msg, Ocb ocb)
        {
            int n = 0;
            lock (sync)
            {
                long want = msg.Nbytes;
                if (want > ctp.BodyCapacity)
                {
                    want = ctp.BodyCapacity;
                }

                while (n < want && count > 0)
                {
                    ctp.Body[ctp.BodyOffset + n] = ring[head];
                    head = (head + 1) % ring.Length;
                    count--;
                    n++;
                }
            }

            ctp.Rm.TouchAccess(ocb.Attr);
            ctp.Status = n;
            return ctp.SetBody(n);
        }

        private int Write(ResmgrContext ctp, IoWrite msg, Ocb ocb)
        {
            int n = (int)msg.Nbytes;
            if (output != null && n > 0)
            {
                output.Write(ctp.Message, msg.DataOffset, n);
            }

            BytesWritten += n;
            if (n > 0)
            {
                ctp.Rm.TouchModify(ocb.Attr);
            }

            ctp.Status = n;
            return Errno.EOK;
        }

        private static int RefuseMmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
        {
            return Errno.ENOSYS;
        }
    }
}
