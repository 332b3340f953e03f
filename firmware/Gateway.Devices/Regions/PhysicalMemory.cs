using Gateway.Devices.Registers;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;

namespace Gateway.Devices.Regions
{
    /// <summary>
    /// /dev/mem: offsets are the board's physical addresses (size 2^32); only the device windows the board
    /// declares in /fw/map are reachable — each is the register block of a register region (the emulated
    /// board: 4096 bytes at 0xFE200000 = /dev/gpio/bank0). Mappings outside a window → ENXIO (RM-13, through
    /// <see cref="ResourceAttr.Windows"/>); reads and writes outside → ENXIO (rules.md §5); inside, they run
    /// word by word on the window's registers (RM-2a).
    /// </summary>
    public sealed class PhysicalMemory
    {
        public const long Size = 0x100000000;

        private readonly ulong[] starts;
        private readonly RegisterRegion[] regions;
        private readonly string[] names;
        private int count;

        public PhysicalMemory(int maxWindows)
        {
            starts = new ulong[maxWindows];
            regions = new RegisterRegion[maxWindows];
            names = new string[maxWindows];
        }

        public int Count
        {
            get { return count; }
        }

        public ulong StartOf(int i)
        {
            return starts[i];
        }

        public RegisterRegion RegionOf(int i)
        {
            return regions[i];
        }

        public string NameOf(int i)
        {
            return names[i];
        }

        /// <summary>Declares a window: <paramref name="region"/>'s registers at physical <paramref name="start"/>.</summary>
        public void AddWindow(ulong start, RegisterRegion region, string name)
        {
            starts[count] = start;
            regions[count] = region;
            names[count] = name;
            count++;
        }

        public void Attach(ResourceAttr attr)
        {
            attr.Device = this;
            attr.Size = Size;
            attr.FixedSize = true;
            attr.Data = null;
            ulong[] w = new ulong[count * 2];
            for (int i = 0; i < count; i++)
            {
                w[2 * i] = starts[i];
                w[(2 * i) + 1] = (ulong)regions[i].Size;
            }

            attr.Windows = w;
            attr.Funcs.Read = Read;
            attr.Funcs.Write = Write;
        }

        private int Find(long offset, long length)
        {
            for (int i = 0; i < count; i++)
            {
                ulong size = (ulong)regions[i].Size;
                if ((ulong)offset >= starts[i] && (ulong)offset - starts[i] < size && (ulong)length <= size - ((ulong)offset - starts[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private int Read(ResmgrContext ctp, IoRead msg, Ocb ocb)
        {
            long offset;
            if (!IoFunc.TransferOffset(msg, ocb, out offset))
            {
                return Errno.EINVAL;
            }

            int w = Find(offset, msg.Nbytes);
            if (w < 0)
            {
                return Errno.ENXIO;
            }

            int r = regions[w].ReadInto(ctp, offset - (long)starts[w], msg.Nbytes);
            if (r <= 0)
            {
                ctp.Rm.TouchAccess(ocb.Attr);
                if (!msg.HasOffset)
                {
                    ocb.Offset = offset + ctp.Status;
                }
            }

            return r;
        }

        private int Write(ResmgrContext ctp, IoWrite msg, Ocb ocb)
        {
            long offset;
            if (!IoFunc.TransferOffset(msg, ocb, out offset))
            {
                return Errno.EINVAL;
            }

            int w = Find(offset, msg.Nbytes);
            if (w < 0)
            {
                return Errno.ENXIO;
            }

            int r = regions[w].WriteFrom(ctp, offset - (long)starts[w], msg.Nbytes, msg.DataOffset);
            if (r == Errno.EOK)
            {
                if (ctp.Status > 0)
                {
                    ctp.Rm.TouchModify(ocb.Attr);
                }

                if (!msg.HasOffset)
                {
                    ocb.Offset = offset + ctp.Status;
                }
            }

            return r;
        }
    }
}
