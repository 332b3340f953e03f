using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.ResourceManager;

namespace Gateway.Devices.Registers
{
    /// <summary>
    /// A region of 32-bit registers (RM-2a): every read and write must have an offset and a length that are
    /// multiples of 4, and runs word by word, each word with its register's side effects; anything else →
    /// EINVAL with no effect. Offsets with no register read 0 and ignore writes (rules.md §5).
    /// Subclasses implement one word at a time.
    /// </summary>
    public abstract class RegisterRegion
    {
        /// <summary>The region's size in bytes (a 4096-byte page for banks and the SPI controller).</summary>
        public readonly int Size;

        /// <summary>The register map's name in /fw/map and hardware-docs/register-maps.md.</summary>
        public readonly string MapName;

        protected RegisterRegion(int size, string mapName)
        {
            Size = size;
            MapName = mapName;
        }

        /// <summary>Reads the register at a word-aligned offset.</summary>
        public abstract uint ReadWord(int offset);

        /// <summary>Writes the register at a word-aligned offset, with its side effects.</summary>
        public abstract void WriteWord(int offset, uint value);

        /// <summary>Describes the registers for /fw/map: names, offsets, access and reset values.</summary>
        public abstract RegisterInfo[] Registers { get; }

        /// <summary>Wires the region's read and write handlers into a resource.</summary>
        public void Attach(ResourceAttr attr)
        {
            attr.Device = this;
            attr.Funcs.Read = Read;
            attr.Funcs.Write = Write;
        }

        /// <summary>Word-by-word read of <paramref name="nbytes"/> at <paramref name="offset"/> into the reply.</summary>
        public int ReadInto(ResmgrContext ctp, long offset, long nbytes)
        {
            if (!IoFunc.IsWordAccess(offset, nbytes))
            {
                return Errno.EINVAL;
            }

            long n = 0;
            if (offset < Size)
            {
                n = nbytes;
                if (n > Size - offset)
                {
                    n = Size - offset;
                }

                if (n > ctp.BodyCapacity)
                {
                    n = ctp.BodyCapacity & ~3;
                }
            }

            for (int i = 0; i < n; i += 4)
            {
                LittleEndian.WriteU32(ctp.Body, ctp.BodyOffset + i, ReadWord((int)offset + i));
            }

            ctp.Status = (int)n;
            return ctp.SetBody((int)n);
        }

        /// <summary>Word-by-word write of <paramref name="nbytes"/> from the message at <paramref name="dataOffset"/>.</summary>
        public int WriteFrom(ResmgrContext ctp, long offset, long nbytes, int dataOffset)
        {
            if (!IoFunc.IsWordAccess(offset, nbytes))
            {
                return Errno.EINVAL;
            }

            long n = 0;
            if (offset < Size)
            {
                n = nbytes;
                if (n > Size - offset)
                {
                    n = Size - offset;
                }
            }

            for (int i = 0; i < n; i += 4)
            {
                WriteWord((int)offset + i, LittleEndian.ReadU32(ctp.Message, dataOffset + i));
            }

            ctp.Status = (int)n;
            return Errno.EOK;
        }

        private int Read(ResmgrContext ctp, IoRead msg, Ocb ocb)
        {
            long offset;
            if (!IoFunc.TransferOffset(msg, ocb, out offset))
            {
                return Errno.EINVAL;
            }

            int r = ReadInto(ctp, offset, msg.Nbytes);
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

            int r = WriteFrom(ctp, offset, msg.Nbytes, msg.DataOffset);
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
