using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    public static partial class IoFunc
    {
        private const ulong MaxOffT = 0x7FFFFFFFFFFFFFFF;
        private const ulong OffTLimit = 0x8000000000000000;

        /// <summary>
        /// The checks of <c>iofunc_mmap()</c>, RM-9 … RM-14, in order, changing nothing. On EOK,
        /// <paramref name="allowed"/> is RM-16's <c>allowed_prot</c>.
        /// </summary>
        public static int MmapCheck(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb, ResourceAttr attr, out uint allowed)
        {
            allowed = 0;

            // RM-9: required_prot, or prot from an old memory manager; only READ/WRITE/EXEC are checked.
            bool oldSender = msg.RequiredProt == 0;
            uint req = (oldSender ? msg.Prot : msg.RequiredProt) & Prot.Rwx;
            ulong len = oldSender ? 0 : msg.RequestedLen;
            bool reqWrite = (req & Prot.Write) != 0;
            bool reqExec = (req & Prot.Exec) != 0;
            ProcessEntry client = ctp.Rm.Processes.Find(ocb.Session, ocb.Pid);
            if (client == null)
            {
                return Errno.EBADF; // an OCB whose process is gone: never check it with someone else's credentials
            }

            CredInfo cred = client.Cred;

            // RM-10: EROFS before EACCES.
            if (reqWrite && attr.Mount.ReadOnly)
            {
                return Errno.EROFS;
            }

            // RM-11: RD is needed for every mapping; WR for a writable one.
            if (!ocb.CanRead)
            {
                return Errno.EACCES;
            }

            if (reqWrite && !ocb.CanWrite)
            {
                return Errno.EACCES;
            }

            // RM-12: exec permission on the client's effective credentials.
            bool executable = IsExecutableFor(attr, cred);
            if (reqExec && !executable)
            {
                return Errno.EACCES;
            }

            // RM-13: EOVERFLOW for every resource, then the windows, then fixed-size bounds.
            if (msg.Offset > MaxOffT || len > OffTLimit - msg.Offset)
            {
                return Errno.EOVERFLOW;
            }

            if (attr.Windows != null && !InWindow(attr.Windows, msg.Offset, len))
            {
                return Errno.ENXIO;
            }

            if (attr.FixedSize)
            {
                ulong size = (ulong)attr.Size;
                if (msg.Offset > size)
                {
                    return Errno.ENXIO;
                }

                if (len > 0 && msg.Offset + len > size)
                {
                    return Errno.ENXIO;
                }
            }

            // RM-14: exec against writers other than the mapping OCB (the client's own O_RDWR fd counts).
            if (reqExec)
            {
                Ocb mapping = ctp.Rm.Ocbs.FindMapping(attr, ctp.Session);
                int writers = attr.WriteCount - (mapping != null && mapping.CanWrite ? 1 : 0);
                if (writers > 0)
                {
                    return Errno.EBUSY;
                }
            }

            // RM-16: allowed_prot.
            allowed = Prot.Read;
            if (ocb.CanWrite && !attr.Mount.ReadOnly)
            {
                allowed |= Prot.Write;
            }

            if (executable)
            {
                allowed |= Prot.Exec;
            }

            return Errno.EOK;
        }

        /// <summary>
        /// <c>iofunc_mmap()</c>: every check (RM-9 … RM-14), then the mapping OCB (RM-15) and the exec lock, and
        /// the plain reply's fields: <c>allowed_prot</c> and the mapping OCB's coid (offset and fd 0).
        /// A refusal changes nothing.
        /// </summary>
        public static int Mmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb, ResourceAttr attr, IoMmapReply reply)
        {
            uint allowed;
            int e = MmapCheck(ctp, msg, ocb, attr, out allowed);
            if (e != Errno.EOK)
            {
                return e;
            }

            Ocb mapping;
            e = ctp.Rm.AttachMappingOcb(ctp, msg, ocb, attr, out mapping);
            if (e != Errno.EOK)
            {
                return e;
            }

            reply.Clear();
            reply.AllowedProt = allowed;
            reply.Coid = mapping.Coid;
            return Errno.EOK;
        }

        /// <summary>
        /// <c>iofunc_mmap_ext()</c>: as <see cref="Mmap"/>, then the extended part — flags = USE_EXTENDED |
        /// STAT_FORM_TO_FLAGS(<paramref name="form"/>) | <paramref name="flags"/>, the stat in that form, and for
        /// SERVER_SHMEM_OBJECT the object id and the offset in it (RM-16, RM-17).
        /// </summary>
        public static int MmapExt(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb, ResourceAttr attr, uint flags, int form, IoMmapReplyExt reply)
        {
            int e = Mmap(ctp, msg, ocb, attr, reply.Base);
            if (e != Errno.EOK)
            {
                return e;
            }

            reply.Flags = MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(form) | (flags & ~(MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormMask));
            reply.Zero32 = 0;
            if ((flags & MmapReplyFlags.ServerShmemObject) != 0)
            {
                reply.Base.Fd = attr.SharedObjectId;
                reply.Base.Offset = msg.Offset;
            }

            StatFill(ctp.Rm, attr, reply.Stat);
            return Errno.EOK;
        }

        /// <summary><c>iofunc_mmap_default()</c>: <see cref="Mmap"/> and the 24-byte reply.</summary>
        public static int MmapDefault(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
        {
            IoMmapReply reply = ctp.Rm.ScratchMmapReply;
            int e = Mmap(ctp, msg, ocb, ocb.Attr, reply);
            if (e != Errno.EOK)
            {
                return e;
            }

            return ctp.SetBody(reply.Encode(ctp.Body, ctp.BodyOffset));
        }

        /// <summary>
        /// <c>iofunc_mmap_default_ext()</c>: <see cref="MmapExt"/> with the resource's flags (RM-18; a shared object
        /// adds SERVER_SHMEM_OBJECT) and its fixed stat form or the board's preferred one, and the 184-byte reply.
        /// </summary>
        public static int MmapDefaultExt(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
        {
            ResourceAttr attr = ocb.Attr;
            IoMmapReplyExt reply = ctp.Rm.ScratchMmapReplyExt;
            uint flags = attr.MmapFlags;
            if (attr.SharedObjectId > 0)
            {
                flags |= MmapReplyFlags.ServerShmemObject;
            }

            int e = MmapExt(ctp, msg, ocb, attr, flags, ctp.Rm.FormFor(attr), reply);
            if (e != Errno.EOK)
            {
                return e;
            }

            return ctp.SetBody(reply.Encode(ctp.Body, ctp.BodyOffset));
        }

        private static bool InWindow(ulong[] windows, ulong offset, ulong len)
        {
            for (int i = 0; i + 1 < windows.Length; i += 2)
            {
                ulong start = windows[i];
                ulong size = windows[i + 1];
                if (offset >= start && offset - start < size && len <= size - (offset - start))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
