using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    public static partial class IoFunc
    {
        /// <summary>
        /// <c>iofunc_open_default()</c> for an existing path (RM-1), checks in QNX's order: exec lock or share
        /// conflict → EBUSY; O_CREAT|O_EXCL → EEXIST; write access to a directory → EISDIR; write access on a
        /// read-only mount → EROFS; mode bits → EACCES (O_EXEC: the execute check of RM-12); no free OCB → ENFILE;
        /// no free fd → EMFILE. Then O_TRUNC, and a new OCB bound to the sender's (session, pid, coid), left in
        /// <c>ctp.NewOcb</c>. A refusal changes nothing.
        /// </summary>
        public static int OpenDefault(ResmgrContext ctp, IoConnect msg, ResourceAttr attr)
        {
            uint ioflag = OpenFlags.EffectiveIoFlag(msg.Ioflag, msg.Access);
            uint access = ioflag & OpenFlags.IoFlagMask;
            bool wantRead = (access & OpenFlags.IoFlagRead) != 0;
            bool wantWrite = (access & OpenFlags.IoFlagWrite) != 0;
            bool wantExec = (access & OpenFlags.IoFlagExec) != 0;
            ushort sflag = (ushort)(msg.Sflag & OpenFlags.ShMask);

            if (wantWrite && attr.ExecLocks > 0)
            {
                return Errno.EBUSY;
            }

            if (ShareConflicts(attr, wantRead, wantWrite, sflag))
            {
                return Errno.EBUSY;
            }

            if ((msg.Ioflag & OpenFlags.Creat) != 0 && (msg.Ioflag & OpenFlags.Excl) != 0)
            {
                return Errno.EEXIST;
            }

            if (wantWrite && attr.IsDirectory)
            {
                return Errno.EISDIR;
            }

            if (wantWrite && attr.Mount.ReadOnly)
            {
                return Errno.EROFS;
            }

            CredInfo cred = ctp.Process.Cred;
            if ((wantRead || wantWrite) && !CheckReadWrite(attr, cred, access & (OpenFlags.IoFlagRead | OpenFlags.IoFlagWrite)))
            {
                return Errno.EACCES;
            }

            if (wantExec && !IsExecutableFor(attr, cred))
            {
                return Errno.EACCES;
            }

            int room = ctp.Rm.CheckOcbRoom(ctp);
            if (room != Errno.EOK)
            {
                return room;
            }

            if ((msg.Ioflag & OpenFlags.Trunc) != 0 && wantWrite && attr.IsRegular && !attr.Mount.ReadOnly && !attr.FixedSize)
            {
                ctp.Rm.Truncate(attr, 0);
            }

            if (wantExec)
            {
                // O_EXEC gives neither RD nor WR (RM-1).
                ioflag &= ~(OpenFlags.IoFlagRead | OpenFlags.IoFlagWrite);
            }

            ctp.NewOcb = ctp.Rm.AttachOcb(ctp, attr, ioflag, sflag);
            return Errno.EOK;
        }

        /// <summary>QNX's share-mode rules: the new access against deny counts, the new deny against open counts.</summary>
        public static bool ShareConflicts(ResourceAttr attr, bool wantRead, bool wantWrite, ushort sflag)
        {
            if (wantRead && attr.DenyReadCount > 0)
            {
                return true;
            }

            if (wantWrite && attr.DenyWriteCount > 0)
            {
                return true;
            }

            bool denyRead = sflag == OpenFlags.ShDenyRw || sflag == OpenFlags.ShDenyRd;
            bool denyWrite = sflag == OpenFlags.ShDenyRw || sflag == OpenFlags.ShDenyWr;
            if (denyRead && attr.ReadCount > 0)
            {
                return true;
            }

            if (denyWrite && attr.WriteCount > 0)
            {
                return true;
            }

            return false;
        }
    }
}
