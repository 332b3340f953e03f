using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// The board's resource manager: answers the QNX I/O messages the link hands it, as rules.md §0–2 says.
    /// Every request runs under one lock, with preallocated decoders and scratch structures, so the steady
    /// state allocates nothing. Order on every request: undeclared pid → EPERM; RM-0 (EBADMSG, then ENOSYS);
    /// then the message's own rules.
    /// </summary>
    public sealed class ResourceManager : IMessageHandler
    {
        public readonly RmConfig Config;
        public readonly Namespace Namespace;
        public readonly OcbTable Ocbs;
        public readonly ProcessTable Processes;
        public readonly SessionQuotas Quotas;
        public readonly IClock Clock;

        /// <summary>Requests handled and refused (answered with an errno), for /fw/status.</summary>
        public int RequestsHandled;
        public int RequestsRefused;

        internal readonly Stat ScratchStat = new Stat();
        internal readonly IoMmapReply ScratchMmapReply = new IoMmapReply();
        internal readonly IoMmapReplyExt ScratchMmapReplyExt = new IoMmapReplyExt();

        /// <summary>Why the last <see cref="Grow"/> stopped short: ENOSPC (the mount) or EDQUOT (the owner's quota).</summary>
        internal int GrowRefusal = Errno.ENOSPC;

        private readonly object sync = new object();
        private readonly ILog log;
        private readonly ResmgrContext ctp;
        private readonly CombineMessage combine = new CombineMessage();
        private readonly CombineMessage attached = new CombineMessage();
        private readonly IoConnect connect = new IoConnect();
        private readonly IoRead read = new IoRead();
        private readonly IoWrite write = new IoWrite();
        private readonly IoLseek lseek = new IoLseek();
        private readonly IoStatRequest stat = new IoStatRequest();
        private readonly IoDevctl devctl = new IoDevctl();
        private readonly IoSync syncMsg = new IoSync();
        private readonly IoClose close = new IoClose();
        private readonly IoMmapRequest mmap = new IoMmapRequest();

        // Where in the current message each decoder's fields came from (−1: nothing of this request). Validation
        // decodes every part; running a part decodes it again only when its decoder has since moved on (a second
        // part of the same type), so a one-part request is decoded once.
        private int connectAt;
        private int readAt;
        private int writeAt;
        private int lseekAt;
        private int statAt;
        private int devctlAt;
        private int syncAt;
        private int mmapAt;

        public ResourceManager(RmConfig config, Mount rootMount, IClock clock, ILog log)
        {
            Config = config;
            Clock = clock;
            this.log = log;
            Namespace = new Namespace(config.MaxNodes, rootMount);
            Ocbs = new OcbTable(config.MaxOcbs, config.MaxSessions);
            Quotas = new SessionQuotas(config.MaxSessions, config.FilesPerSession);
            Processes = new ProcessTable(config.MaxSessions * config.MaxProcessesPerSession);
            ctp = new ResmgrContext(this);
            StampNow(Namespace.Root);
        }

        /// <summary>The lock every request runs under; device code that touches resource state from other threads takes it too.</summary>
        public object SyncRoot
        {
            get { return sync; }
        }

        /// <summary>The board's preferred stat form (RM-16): T64_2008 on a 64-bit board, T32_2001 on a 32-bit one.</summary>
        public int PreferredForm
        {
            get { return StatForm.Preferred(Config.Is64Bit); }
        }

        /// <summary>The form a resource's stat comes in when none is asked for: its fixed form, else the preferred one.</summary>
        public int FormFor(ResourceAttr attr)
        {
            return attr.FixedStatForm != 0 ? attr.FixedStatForm : PreferredForm;
        }

        public int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit)
        {
            lock (sync)
            {
                if (session < 0 || session >= Config.MaxSessions)
                {
                    return Errno.EINVAL;
                }

                return Processes.Declare(session, pid, cred, is64Bit, Config.MaxProcessesPerSession);
            }
        }

        /// <summary>
        /// RM-5: closes every OCB of the session as if <c>_IO_CLOSE</c> had arrived, forgets its processes and removes
        /// the files it created (G: /data has no unlink, so a file outliving its session would hold the board's RAM
        /// until reboot). A removed file another session still holds open stays readable through that OCB and gives
        /// its RAM back at the last close.
        /// </summary>
        public void EndSession(int session)
        {
            lock (sync)
            {
                for (int i = 0; i < Ocbs.Capacity; i++)
                {
                    Ocb o = Ocbs[i];
                    if (o.InUse && o.Session == session)
                    {
                        CloseOcb(o);
                    }
                }

                Processes.EndSession(session);
                ResourceAttr a;
                while ((a = Quotas.TakeFile(session)) != null)
                {
                    Namespace.Remove(a);
                    if (a.OpenCount == 0)
                    {
                        FreeUnlinked(a);
                    }
                }

                Quotas.Reset(session);
            }
        }

        private static void FreeUnlinked(ResourceAttr a)
        {
            if (a.Data != null && a.Growable)
            {
                a.Mount.RamUsed -= a.Data.Length;
            }

            a.Data = null;
            a.Size = 0;
        }

        /// <summary>OCBs one session may hold: its quota, or the whole table.</summary>
        public int OcbQuota
        {
            get
            {
                int q = Config.OcbsPerSession;
                return q > 0 && q < Config.MaxOcbs ? q : Config.MaxOcbs;
            }
        }

        public void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
        {
            lock (sync)
            {
                reply.Reset();
                RequestsHandled++;
                try
                {
                    HandleLocked(session, pid, coid, message, offset, length, reply);
                }
                catch (System.Exception ex)
                {
                    // A last line of defence: a handler bug must not take the board down. Nothing of the input is
                    // trusted here; decoders never throw.
                    if (log != null)
                    {
                        log.Warn("resource manager: handler failed: " + ex.Message);
                    }

                    reply.SetError(Errno.EIO);
                }

                if (reply.IsError)
                {
                    RequestsRefused++;
                }
            }
        }

        private void HandleLocked(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
        {
            ProcessEntry process = Processes.Find(session, pid);
            if (process == null)
            {
                reply.SetError(Errno.EPERM);
                return;
            }

            ctp.Begin(session, pid, coid, process, message, reply);
            connectAt = -1;
            readAt = -1;
            writeAt = -1;
            lseekAt = -1;
            statAt = -1;
            devctlAt = -1;
            syncAt = -1;
            mmapAt = -1;

            // RM-0: the whole message is validated before any part runs.
            if (combine.Parse(message, offset, length) != DecodeError.None || !ValidateParts(combine, message))
            {
                reply.SetError(Errno.EBADMSG);
                return;
            }

            RunParts(combine, null);
        }

        /// <summary>Decodes every part with its own decoder (and a connect's attached message); false → EBADMSG.</summary>
        private bool ValidateParts(CombineMessage parts, byte[] b)
        {
            for (int i = 0; i < parts.PartCount; i++)
            {
                int o = parts.PartOffset[i];
                int n = parts.PartLength[i];
                DecodeError e = DecodeError.None;
                switch (parts.PartType[i])
                {
                    case IoMessageType.Connect:
                        e = connect.Decode(b, o, n);
                        connectAt = o;
                        if (e == DecodeError.None && connect.ExtraLen > 0 && connect.Subtype != ConnectSubtype.Open)
                        {
                            if (parts == attached)
                            {
                                return false;
                            }

                            if (attached.Parse(b, connect.ExtraOffset, connect.ExtraLen) != DecodeError.None || !ValidateParts(attached, b))
                            {
                                return false;
                            }
                        }

                        break;
                    case IoMessageType.Read: e = read.Decode(b, o, n); readAt = o; break;
                    case IoMessageType.Write: e = write.Decode(b, o, n); writeAt = o; break;
                    case IoMessageType.Lseek: e = lseek.Decode(b, o, n); lseekAt = o; break;
                    case IoMessageType.Stat: e = stat.Decode(b, o, n); statAt = o; break;
                    case IoMessageType.Devctl: e = devctl.Decode(b, o, n); devctlAt = o; break;
                    case IoMessageType.Sync: e = syncMsg.Decode(b, o, n); syncAt = o; break;
                    case IoMessageType.Close: e = close.Decode(b, o, n); break;
                    case IoMessageType.Mmap: e = mmap.Decode(b, o, n); mmapAt = o; break;
                    default: break;
                }

                if (e != DecodeError.None)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Runs the parts in order; the first failing part ends the request with its errno (RM-0).</summary>
        private void RunParts(CombineMessage parts, Ocb ocbOverride)
        {
            for (int i = 0; i < parts.PartCount; i++)
            {
                ctp.BeginPart();
                int r = RunPart(parts.PartType[i], parts.PartOffset[i], parts.PartLength[i], ocbOverride);
                if (!Finish(r))
                {
                    return;
                }
            }
        }

        /// <summary>Turns a handler's QNX return value into the reply; false when the reply is an error.</summary>
        private bool Finish(int r)
        {
            Reply reply = ctp.Reply;
            if (r == Resmgr.NoReply)
            {
                if (!ctp.Replied)
                {
                    // Deferred replies cannot cross the link (G): a handler must reply before returning NoReply.
                    reply.SetError(Errno.EIO);
                }

                return !reply.IsError;
            }

            if (r > 0)
            {
                reply.SetError(r);
                return false;
            }

            reply.SetStatus(ctp.Status, r == Errno.EOK ? 0 : ctp.BodyLength);
            return true;
        }

        private int RunPart(ushort type, int o, int n, Ocb ocbOverride)
        {
            byte[] b = ctp.Message;
            switch (type)
            {
                case IoMessageType.Connect:
                    if (connectAt != o)
                    {
                        connect.Decode(b, o, n);
                        connectAt = o;
                    }

                    return RunConnect();
                case IoMessageType.Mmap:
                    if (mmapAt != o)
                    {
                        mmap.Decode(b, o, n);
                        mmapAt = o;
                    }

                    return RunMmap();
                case IoMessageType.Read:
                case IoMessageType.Write:
                case IoMessageType.Lseek:
                case IoMessageType.Stat:
                case IoMessageType.Devctl:
                case IoMessageType.Sync:
                case IoMessageType.Close:
                    return RunIo(type, o, n, ocbOverride);
                default:
                    // RM-0: an unknown message type.
                    return Errno.ENOSYS;
            }
        }

        private int RunIo(ushort type, int o, int n, Ocb ocbOverride)
        {
            byte[] b = ctp.Message;

            // RM-0: an xtype other than NONE and OFFSET → ENOSYS, before the OCB rules.
            if (type == IoMessageType.Read)
            {
                if (readAt != o)
                {
                    read.Decode(b, o, n);
                    readAt = o;
                }

                if (!XtypeSupported(read.Xtype))
                {
                    return Errno.ENOSYS;
                }
            }
            else if (type == IoMessageType.Write)
            {
                if (writeAt != o)
                {
                    write.Decode(b, o, n);
                    writeAt = o;
                }

                if (!XtypeSupported(write.Xtype))
                {
                    return Errno.ENOSYS;
                }
            }

            // RM-2: the OCB bound to the sender's (pid, coid).
            Ocb ocb = ocbOverride != null ? ocbOverride : Ocbs.Find(ctp.Session, ctp.Pid, ctp.Coid);
            if (ocb == null)
            {
                return Errno.EBADF;
            }

            IoFuncs f = ocb.Attr.Handlers;
            int r;
            switch (type)
            {
                case IoMessageType.Read:
                    if (!ocb.CanRead)
                    {
                        return Errno.EBADF;
                    }

                    r = f.Read != null ? f.Read(ctp, read, ocb) : Resmgr.Default;
                    return r == Resmgr.Default ? IoFunc.ReadDefault(ctp, read, ocb) : r;
                case IoMessageType.Write:
                    if (!ocb.CanWrite)
                    {
                        return Errno.EBADF;
                    }

                    r = f.Write != null ? f.Write(ctp, write, ocb) : Resmgr.Default;
                    return r == Resmgr.Default ? IoFunc.WriteDefault(ctp, write, ocb) : r;
                case IoMessageType.Lseek:
                    if (lseekAt != o)
                    {
                        lseek.Decode(b, o, n);
                        lseekAt = o;
                    }

                    r = f.Lseek != null ? f.Lseek(ctp, lseek, ocb) : Resmgr.Default;
                    return r == Resmgr.Default ? IoFunc.LseekDefault(ctp, lseek, ocb) : r;
                case IoMessageType.Stat:
                    if (statAt != o)
                    {
                        stat.Decode(b, o, n);
                        statAt = o;
                    }

                    r = f.Stat != null ? f.Stat(ctp, stat, ocb) : Resmgr.Default;
                    return r == Resmgr.Default ? IoFunc.StatDefault(ctp, stat, ocb) : r;
                case IoMessageType.Devctl:
                    if (devctlAt != o)
                    {
                        devctl.Decode(b, o, n);
                        devctlAt = o;
                    }

                    r = f.Devctl != null ? f.Devctl(ctp, devctl, ocb) : Resmgr.Default;
                    return r == Resmgr.Default ? IoFunc.DevctlDefault(ctp, devctl, ocb) : r;
                case IoMessageType.Sync:
                    if (syncAt != o)
                    {
                        syncMsg.Decode(b, o, n);
                        syncAt = o;
                    }

                    r = f.Sync != null ? f.Sync(ctp, syncMsg, ocb) : Resmgr.Default;
                    return r == Resmgr.Default ? IoFunc.SyncDefault(ctp, syncMsg, ocb) : r;
                default:
                    CloseOcb(ocb);
                    return Errno.EOK;
            }
        }

        private static bool XtypeSupported(uint xtype)
        {
            uint x = xtype & XType.Mask;
            return x == XType.None || x == XType.Offset;
        }

        /// <summary>RM-6 … RM-8, then the resource's mmap entry (its default, the plain or the extended one).</summary>
        private int RunMmap()
        {
            // RM-6: only the memory manager may map.
            if (!ctp.Process.IsMemoryManager)
            {
                return Errno.ENOSYS;
            }

            // RM-7: the client's OCB from info.pid / info.coid, in the sender's session; never a mapping OCB.
            Ocb client = Ocbs.Find(ctp.Session, mmap.Info.Pid, mmap.Info.Coid);
            if (client == null || client.IsMapping)
            {
                return Errno.EBADF;
            }

            ResourceAttr attr = client.Attr;
            IoMmapFunc f = attr.Handlers.Mmap;
            int r = f != null ? f(ctp, mmap, client) : Resmgr.Default;
            if (r == Resmgr.Default)
            {
                r = attr.MmapReply == MmapReplyKind.Extended ? IoFunc.MmapDefaultExt(ctp, mmap, client) : IoFunc.MmapDefault(ctp, mmap, client);
            }

            return r;
        }

        /// <summary>RM-1: open, with O_CREAT where the mount is creatable, and the COMBINE forms.</summary>
        private int RunConnect()
        {
            ushort subtype = connect.Subtype;
            if (subtype != ConnectSubtype.Open && subtype != ConnectSubtype.Combine && subtype != ConnectSubtype.CombineClose)
            {
                return Errno.ENOSYS;
            }

            // G: an open on a (pid, coid) already bound.
            if (Ocbs.Find(ctp.Session, ctp.Pid, ctp.Coid) != null)
            {
                return Errno.EINVAL;
            }

            byte[] b = ctp.Message;
            ResourceAttr parent;
            int nameOffset, nameLength, errno;
            ResourceAttr attr = Namespace.Lookup(b, connect.PathOffset, connect.PathLength, out parent, out nameOffset, out nameLength, out errno);
            int r;
            if (attr == null)
            {
                bool creat = (connect.Ioflag & OpenFlags.Creat) != 0;
                if (errno != Errno.ENOENT || !creat || parent == null || !parent.Mount.Creatable || parent.Mount.ReadOnly)
                {
                    return errno;
                }

                r = CreateAndOpen(parent, b, nameOffset, nameLength);
            }
            else
            {
                IoOpenFunc open = attr.Handlers.Open;
                r = open != null ? open(ctp, connect, attr) : Resmgr.Default;
                if (r == Resmgr.Default)
                {
                    r = IoFunc.OpenDefault(ctp, connect, attr);
                }
            }

            if (r != Errno.EOK || subtype == ConnectSubtype.Open)
            {
                return r;
            }

            // COMBINE / COMBINE_CLOSE: the attached message runs on the new OCB; its reply is the reply.
            Ocb ocb = ctp.NewOcb;
            bool closeAfter = subtype == ConnectSubtype.CombineClose;
            if (connect.ExtraLen > 0)
            {
                attached.Parse(b, connect.ExtraOffset, connect.ExtraLen);
                for (int i = 0; i < attached.PartCount; i++)
                {
                    ctp.BeginPart();
                    int pr = RunPart(attached.PartType[i], attached.PartOffset[i], attached.PartLength[i], ocb);
                    // A handler that replied itself (MsgReply, then NoReply) succeeded as much as one returning a status.
                    bool ok = pr == Errno.EOK || (pr < 0 && pr != Resmgr.NoReply) || (pr == Resmgr.NoReply && ctp.Replied && !ctp.Reply.IsError);
                    if (ok && i < attached.PartCount - 1)
                    {
                        if (ocb.InUse)
                        {
                            continue;
                        }

                        // An attached _IO_CLOSE released the new OCB: the next part has no OCB (EBADF), and must never
                        // run on the released slot, which a mapping OCB could take again within this request.
                        pr = Errno.EBADF;
                        ok = false;
                    }

                    if (ok)
                    {
                        FinishCombined(pr, closeAfter, ocb);
                        return Resmgr.NoReply;
                    }

                    // G: a failed attached message leaves no OCB behind, for COMBINE as for COMBINE_CLOSE.
                    if (ocb.InUse)
                    {
                        CloseOcb(ocb);
                    }

                    return pr == Resmgr.NoReply ? Errno.EIO : pr;
                }
            }

            if (closeAfter && ocb.InUse)
            {
                CloseOcb(ocb);
            }

            return Errno.EOK;
        }

        private void FinishCombined(int r, bool closeAfter, Ocb ocb)
        {
            Finish(r);
            ctp.Replied = true;
            if (closeAfter && ocb.InUse)
            {
                CloseOcb(ocb);
            }
        }

        /// <summary>O_CREAT of a missing file on a creatable mount (RM-1): mode &amp; 07777, the creator's effective ids.</summary>
        private int CreateAndOpen(ResourceAttr parent, byte[] b, int nameOffset, int nameLength)
        {
            if (nameLength > Namespace.MaxNameLength)
            {
                return Errno.ENAMETOOLONG;
            }

            int room = CheckOcbRoom(ctp);
            if (room != Errno.EOK)
            {
                return room;
            }

            // The session's file quota first (EDQUOT, its own limit), then the namespace table (ENOSPC, the board's).
            if (!Quotas.HasFileRoom(ctp.Session))
            {
                return Errno.EDQUOT;
            }

            if (!Namespace.HasRoom)
            {
                return Errno.ENOSPC;
            }

            CredInfo cred = ctp.Process.Cred;
            uint ioflagAsked = OpenFlags.EffectiveIoFlag(connect.Ioflag, connect.Access);
            if ((ioflagAsked & OpenFlags.IoFlagExec) != 0)
            {
                // RM-1: O_EXEC needs RM-12's execute check, on the file as it would be created (the creator owns it).
                uint perm = connect.Mode & FileMode.PermMask;
                bool executable = !parent.Mount.NoExec && (cred.Euid == 0 ? (perm & FileMode.AnyExec) != 0 : (perm & FileMode.UserExec) != 0);
                if (!executable)
                {
                    return Errno.EACCES;
                }
            }

            ResourceAttr attr = Namespace.Create(parent, b, nameOffset, nameLength, FileMode.Reg | (connect.Mode & FileMode.PermMask), cred.Euid, cred.Egid);
            attr.MmapReply = MmapReplyKind.Extended;
            attr.MmapFlags = MmapReplyFlags.CacheDefault;
            attr.Data = new byte[0];
            attr.Growable = attr.Mount.RamBudget > 0;
            Quotas.AddFile(ctp.Session, attr);
            StampNow(attr);
            uint ioflag = OpenFlags.EffectiveIoFlag(connect.Ioflag, connect.Access);
            if ((ioflag & OpenFlags.IoFlagExec) != 0)
            {
                ioflag &= ~(OpenFlags.IoFlagRead | OpenFlags.IoFlagWrite);
            }

            ctp.NewOcb = AttachOcb(ctp, attr, ioflag, (ushort)(connect.Sflag & OpenFlags.ShMask));
            return Errno.EOK;
        }

        /// <summary>
        /// ENFILE when no OCB is free or the session holds its whole OCB quota (to the session its share of the
        /// table is the table), EMFILE when the process holds all its fds (RM-1). Counters, no scans.
        /// </summary>
        internal int CheckOcbRoom(ResmgrContext c)
        {
            if (!Ocbs.HasFree || Ocbs.InSession(c.Session) >= OcbQuota)
            {
                return Errno.ENFILE;
            }

            if (c.Process.Fds >= Config.MaxFdsPerProcess)
            {
                return Errno.EMFILE;
            }

            return Errno.EOK;
        }

        /// <summary>Binds a new client OCB to the sender's (session, pid, coid) and raises the counts.</summary>
        internal Ocb AttachOcb(ResmgrContext c, ResourceAttr attr, uint ioflag, ushort sflag)
        {
            Ocb ocb = Ocbs.Allocate(c.Session, c.Pid, c.Coid, attr, false);
            ocb.Ioflag = ioflag;
            ocb.Sflag = sflag;
            c.Process.Fds++;
            attr.OpenCount++;
            if (ocb.CanRead)
            {
                attr.ReadCount++;
            }

            if (ocb.CanWrite)
            {
                attr.WriteCount++;
            }

            if (sflag == OpenFlags.ShDenyRw || sflag == OpenFlags.ShDenyRd)
            {
                attr.DenyReadCount++;
            }

            if (sflag == OpenFlags.ShDenyRw || sflag == OpenFlags.ShDenyWr)
            {
                attr.DenyWriteCount++;
            }

            return ocb;
        }

        /// <summary>
        /// RM-15: creates the mapping OCB of (file, memory-manager session) on the request's coid, or reuses it
        /// (adding WR when <c>prot</c> asks for write and the client holds WR on a writable mount); then, only now,
        /// the exec lock for a PROT_EXEC mapping. EINVAL when the coid is bound to another OCB, ENOMEM when the table
        /// is full or the session holds its whole OCB quota.
        /// </summary>
        internal int AttachMappingOcb(ResmgrContext c, IoMmapRequest msg, Ocb client, ResourceAttr attr, out Ocb mapping)
        {
            uint req = (msg.RequiredProt == 0 ? msg.Prot : msg.RequiredProt) & Prot.Rwx;
            bool wantWrite = (msg.Prot & Prot.Write) != 0 && client.CanWrite && !attr.Mount.ReadOnly;
            mapping = Ocbs.FindMapping(attr, c.Session);
            if (mapping == null)
            {
                if (Ocbs.Find(c.Session, c.Pid, c.Coid) != null)
                {
                    return Errno.EINVAL;
                }

                if (Ocbs.InSession(c.Session) >= OcbQuota)
                {
                    return Errno.ENOMEM;
                }

                mapping = Ocbs.Allocate(c.Session, c.Pid, c.Coid, attr, true);
                if (mapping == null)
                {
                    return Errno.ENOMEM;
                }

                mapping.Ioflag = OpenFlags.IoFlagRead;
                attr.OpenCount++;
                attr.ReadCount++;
                attr.MappingOcbs++;
            }

            if (wantWrite && !mapping.CanWrite)
            {
                mapping.Ioflag |= OpenFlags.IoFlagWrite;
                attr.WriteCount++;
            }

            if ((req & Prot.Exec) != 0 && !mapping.HoldsExecLock)
            {
                mapping.HoldsExecLock = true;
                attr.ExecLocks++;
            }

            return Errno.EOK;
        }

        /// <summary>Closes an OCB as <c>_IO_CLOSE</c> does: the resource's close entry, then counts, share modes and locks.</summary>
        public void CloseOcb(Ocb ocb)
        {
            ResourceAttr attr = ocb.Attr;
            if (attr.Handlers.CloseOcb != null)
            {
                attr.Handlers.CloseOcb(ocb);
            }

            attr.OpenCount--;
            if (ocb.CanRead)
            {
                attr.ReadCount--;
            }

            if (ocb.CanWrite)
            {
                attr.WriteCount--;
            }

            if (ocb.Sflag == OpenFlags.ShDenyRw || ocb.Sflag == OpenFlags.ShDenyRd)
            {
                attr.DenyReadCount--;
            }

            if (ocb.Sflag == OpenFlags.ShDenyRw || ocb.Sflag == OpenFlags.ShDenyWr)
            {
                attr.DenyWriteCount--;
            }

            if (ocb.IsMapping)
            {
                attr.MappingOcbs--;
            }

            if (ocb.HoldsExecLock)
            {
                attr.ExecLocks--;
            }

            if (!ocb.IsMapping)
            {
                ProcessEntry p = Processes.Find(ocb.Session, ocb.Pid);
                if (p != null && p.Fds > 0)
                {
                    p.Fds--;
                }
            }

            Ocbs.Release(ocb);
            if (attr.Unlinked && attr.OpenCount == 0)
            {
                FreeUnlinked(attr);
            }
        }

        /// <summary>O_TRUNC: the size drops and the freed bytes are zeroed, so a later hole reads as zero.</summary>
        internal void Truncate(ResourceAttr attr, long size)
        {
            if (attr.Data != null && size < attr.Size)
            {
                System.Array.Clear(attr.Data, (int)size, (int)(attr.Size - size));
            }

            attr.Size = size;
            TouchModify(attr);
        }

        /// <summary>
        /// Makes room for a growable file to take bytes <paramref name="offset"/> … <paramref name="end"/> within its
        /// mount's RAM budget; returns the end it can reach (the whole request, or less). When not even the first
        /// byte fits, nothing grows (the write is refused with <see cref="GrowRefusal"/> and must leave the budget
        /// alone). A file created by a session grows within that session's byte quota (EDQUOT); the board's own
        /// files within what the sessions' unused quotas leave of the mount (ENOSPC), so no session's quota is ever
        /// taken by another session's writes; a removed file does not grow.
        /// </summary>
        internal long Grow(ResourceAttr attr, long offset, long end)
        {
            GrowRefusal = Errno.ENOSPC;
            int capacity = attr.Data.Length;
            if (end <= capacity)
            {
                return end;
            }

            Mount m = attr.Mount;
            long free = m.RamBudget - m.RamUsed;
            int quota = Config.BytesPerSession;
            int owner = Quotas.Tracking ? Quotas.OwnerOf(attr) : -1;
            if (attr.Unlinked)
            {
                free = 0;
            }
            else if (quota > 0 && owner >= 0)
            {
                long left = quota - Quotas.Bytes(owner);
                if (left < free)
                {
                    free = left;
                    GrowRefusal = Errno.EDQUOT;
                }
            }
            else if (quota > 0)
            {
                free -= Quotas.Unused(quota);
            }

            long reachable = capacity + (free > 0 ? free : 0);
            if (end > reachable)
            {
                end = reachable;
            }

            if (end <= capacity || offset >= end)
            {
                return capacity;
            }

            // Grow by half again at least (within the budget), so a file written sequentially is not copied per write.
            long target = end;
            long geometric = capacity + (capacity >> 1);
            if (geometric > target)
            {
                target = geometric > reachable ? reachable : geometric;
            }

            int newCapacity = (int)target;
            byte[] grown = new byte[newCapacity];
            System.Array.Copy(attr.Data, 0, grown, 0, capacity);
            m.RamUsed += newCapacity - capacity;
            if (owner >= 0)
            {
                Quotas.AddBytes(owner, newCapacity - capacity);
            }

            attr.Data = grown;
            return end;
        }

        /// <summary>RM-2: a read sets atime (for resource handlers that read outside the defaults).</summary>
        public void TouchAccess(ResourceAttr attr)
        {
            long s;
            int ns;
            Clock.UtcNow(out s, out ns);
            attr.AtimeSec = s;
            attr.AtimeNsec = ns;
        }

        /// <summary>RM-2: a write sets mtime and ctime.</summary>
        public void TouchModify(ResourceAttr attr)
        {
            long s;
            int ns;
            Clock.UtcNow(out s, out ns);
            attr.MtimeSec = s;
            attr.MtimeNsec = ns;
            attr.CtimeSec = s;
            attr.CtimeNsec = ns;
        }

        /// <summary>Sets all three times of a new entry to now.</summary>
        public void StampNow(ResourceAttr attr)
        {
            TouchModify(attr);
            attr.AtimeSec = attr.MtimeSec;
            attr.AtimeNsec = attr.MtimeNsec;
        }
    }
}
