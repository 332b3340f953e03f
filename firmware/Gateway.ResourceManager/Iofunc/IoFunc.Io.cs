using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.ResourceManager
{
    public static partial class IoFunc
    {
        /// <summary>
        /// The offset a read or write works at: the <c>_IO_XTYPE_OFFSET</c> one (the OCB's stays alone), else the
        /// OCB's. Returns false for a negative offset (EINVAL).
        /// </summary>
        public static bool TransferOffset(IoReadWriteHeader msg, Ocb ocb, out long offset)
        {
            offset = msg.HasOffset ? msg.XOffset : ocb.Offset;
            return offset >= 0;
        }

        /// <summary>
        /// <c>iofunc_read_default()</c> for RAM-backed resources (RM-2): min(nbytes, size − offset) bytes, capped at
        /// what one reply carries (a short read), status = the count; directories list <c>struct dirent</c>
        /// records (RM-2b). A read-only image produced on read (<see cref="IFileContent"/>) reads the same way.
        /// Sets atime.
        /// </summary>
        public static int ReadDefault(ResmgrContext ctp, IoRead msg, Ocb ocb)
        {
            ResourceAttr attr = ocb.Attr;
            long offset;
            if (!TransferOffset(msg, ocb, out offset))
            {
                return Errno.EINVAL;
            }

            if (attr.IsDirectory)
            {
                return ReadDirectory(ctp, msg, ocb, offset);
            }

            int n = 0;
            IFileContent produced = attr.Data == null ? attr.Device as IFileContent : null;
            if ((attr.Data != null || produced != null) && offset < attr.Size)
            {
                long avail = attr.Size - offset;
                long want = msg.Nbytes;
                if (want > avail)
                {
                    want = avail;
                }

                if (want > ctp.BodyCapacity)
                {
                    want = ctp.BodyCapacity;
                }

                n = (int)want;
                if (produced != null)
                {
                    produced.CopyTo(offset, ctp.Body, ctp.BodyOffset, n);
                }
                else
                {
                    System.Array.Copy(attr.Data, (int)offset, ctp.Body, ctp.BodyOffset, n);
                }
            }

            if (!msg.HasOffset)
            {
                ocb.Offset = offset + n;
            }

            ctp.Rm.TouchAccess(attr);
            ctp.Status = n;
            return ctp.SetBody(n);
        }

        /// <summary>
        /// RM-2b: as many whole <c>struct dirent</c> records as fit in nbytes (and one reply), from the entry index
        /// <paramref name="index"/>; <c>d_offset</c> = the next entry's index; the OCB offset counts entries.
        /// </summary>
        public static int ReadDirectory(ResmgrContext ctp, IoRead msg, Ocb ocb, long index)
        {
            ResourceAttr dir = ocb.Attr;
            long limit = msg.Nbytes;
            if (limit > ctp.BodyCapacity)
            {
                limit = ctp.BodyCapacity;
            }

            int pos = 0;
            long i = 0;
            ResourceAttr c = dir.FirstChild;
            while (c != null && i < index)
            {
                c = c.NextSibling;
                i++;
            }

            while (c != null)
            {
                int size = Dirent.RecordSize(c.Name.Length);
                if (pos + size > limit)
                {
                    break;
                }

                i++;
                Dirent.Encode(ctp.Body, ctp.BodyOffset + pos, c.Ino, i, c.Name, 0, c.Name.Length);
                pos += size;
                c = c.NextSibling;
            }

            if (!msg.HasOffset)
            {
                ocb.Offset = i > index ? i : index;
            }

            ctp.Rm.TouchAccess(dir);
            ctp.Status = pos;
            return ctp.SetBody(pos);
        }

        /// <summary>
        /// <c>iofunc_write_default()</c> for RAM-backed resources (RM-2): fixed-size regions never grow (a short
        /// write at the end); growable files grow within their mount's RAM budget and their owner's quota (a hole
        /// reads as zero; nothing fits → ENOSPC, or EDQUOT when the quota is what stopped it). Status = bytes written; a write of 0 bytes succeeds. Sets mtime and ctime.
        /// </summary>
        public static int WriteDefault(ResmgrContext ctp, IoWrite msg, Ocb ocb)
        {
            ResourceAttr attr = ocb.Attr;
            long offset;
            if (!TransferOffset(msg, ocb, out offset))
            {
                return Errno.EINVAL;
            }

            if (attr.Data == null)
            {
                return Errno.ENOSYS;
            }

            if ((ocb.Ioflag & OpenFlags.Append) != 0 && !msg.HasOffset)
            {
                offset = attr.Size; // O_APPEND: every plain write goes to the end (QNX's iofunc_write_verify)
            }

            long want = msg.Nbytes;

            // offset + nbytes saturates: an offset near 2^63 must not wrap to a negative end (a negative copy index).
            long end = offset > long.MaxValue - want ? long.MaxValue : offset + want;
            if (end > attr.Size)
            {
                if (attr.Growable && !attr.FixedSize)
                {
                    end = ctp.Rm.Grow(attr, offset, end);
                }
                else
                {
                    end = attr.Size;
                }
            }

            long n = end - offset;
            if (n < 0)
            {
                n = 0;
            }

            if (n == 0 && want > 0 && !attr.FixedSize && attr.IsRegular)
            {
                // A regular file that cannot take a byte more (G): its owner's quota (EDQUOT) or the mount (ENOSPC);
                // fixed-size regions write short.
                return attr.Growable ? ctp.Rm.GrowRefusal : Errno.ENOSPC;
            }

            if (n > 0)
            {
                System.Array.Copy(ctp.Message, msg.DataOffset, attr.Data, (int)offset, (int)n);
                if (offset + n > attr.Size)
                {
                    attr.Size = offset + n;
                }

                ctp.Rm.TouchModify(attr);
            }

            if (!msg.HasOffset)
            {
                ocb.Offset = offset + n;
            }

            ctp.Status = (int)n;
            return Errno.EOK;
        }

        /// <summary>
        /// <c>iofunc_lseek_default()</c>: SEEK_SET/CUR/END; past the end is allowed; a negative result → EINVAL and
        /// the offset stays. Directories count entries. The reply is the new offset (u64).
        /// </summary>
        public static int LseekDefault(ResmgrContext ctp, IoLseek msg, Ocb ocb)
        {
            long size = ocb.Attr.IsDirectory ? ocb.Attr.ChildCount : ocb.Attr.Size;
            long baseOffset;
            switch (msg.Whence)
            {
                case Whence.Set: baseOffset = 0; break;
                case Whence.Current: baseOffset = ocb.Offset; break;
                case Whence.End: baseOffset = size; break;
                default: return Errno.EINVAL;
            }

            long result = baseOffset + msg.Offset;
            bool overflow = (msg.Offset > 0 && result < baseOffset) || (msg.Offset < 0 && result > baseOffset);
            if (overflow)
            {
                return Errno.EOVERFLOW;
            }

            if (result < 0)
            {
                return Errno.EINVAL;
            }

            ocb.Offset = result;
            IoLseek.EncodeReply(ctp.Body, ctp.BodyOffset, result);
            return ctp.SetBody(IoLseek.ReplySize);
        }

        /// <summary>
        /// <c>iofunc_stat_default()</c> (RM-3): format 1–3 that form; 0 the resource's fixed form, else the board's
        /// preferred one; above 3 → EINVAL. The body is exactly the form's size.
        /// </summary>
        public static int StatDefault(ResmgrContext ctp, IoStatRequest msg, Ocb ocb)
        {
            int form;
            if (msg.Format > StatForm.T64_2008)
            {
                return Errno.EINVAL;
            }

            form = msg.Format == 0 ? ctp.Rm.FormFor(ocb.Attr) : (int)msg.Format;
            Stat st = ctp.Rm.ScratchStat;
            StatFill(ctp.Rm, ocb.Attr, st);
            int size = st.Encode(ctp.Body, ctp.BodyOffset, form);
            return ctp.SetBody(size);
        }

        /// <summary>
        /// <c>iofunc_stat()</c>: the stat of RM-16 — st_ino from the path, st_size the region's or file's size (0 for
        /// directories), st_dev the board's, st_rdev the device id or S_IFNAM subtype, nlink 1 (2 for directories),
        /// st_blksize 4096, st_blocksize 512, st_nblocks = st_blocks = ceil(size / 512), and the times in both the
        /// timespecs and the old 32-bit seconds (G).
        /// </summary>
        public static void StatFill(ResourceManager rm, ResourceAttr attr, Stat st)
        {
            long size = attr.IsDirectory ? 0 : attr.Size;
            long blocks = (size + 511) / 512;
            st.Ino = attr.Ino;
            st.Size = size;
            st.Dev = rm.Config.DeviceNumber;
            st.Rdev = attr.Rdev;
            st.Uid = attr.Uid;
            st.Gid = attr.Gid;
            st.Mode = attr.Mode;
            st.Nlink = attr.IsDirectory ? 2u : 1u;
            st.Blocksize = 512;
            st.Nblocks = (int)blocks;
            st.Blksize = 4096;
            st.Blocks = (ulong)blocks;
            st.Mtime = (uint)attr.MtimeSec;
            st.Atime = (uint)attr.AtimeSec;
            st.Ctime = (uint)attr.CtimeSec;
            st.MtimSec = attr.MtimeSec;
            st.MtimNsec = attr.MtimeNsec;
            st.AtimSec = attr.AtimeSec;
            st.AtimNsec = attr.AtimeNsec;
            st.CtimSec = attr.CtimeSec;
            st.CtimNsec = attr.CtimeNsec;
        }

        /// <summary><c>iofunc_devctl_default()</c>: a dcmd the resource doesn't know → ENOTTY (RM-2).</summary>
        public static int DevctlDefault(ResmgrContext ctp, IoDevctl msg, Ocb ocb)
        {
            return Errno.ENOTTY;
        }

        /// <summary><c>iofunc_sync_default()</c>: status 0 on every resource (the board keeps no write-back cache).</summary>
        public static int SyncDefault(ResmgrContext ctp, IoSync msg, Ocb ocb)
        {
            return Errno.EOK;
        }

        /// <summary>True when a register region access is word-aligned in offset and length (RM-2a).</summary>
        public static bool IsWordAccess(long offset, long length)
        {
            return (offset & 3) == 0 && (length & 3) == 0;
        }
    }
}
