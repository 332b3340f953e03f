using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager.Introspection
{
    /// <summary>
    /// /fw/status (board-resources.md): a read-only S_IFCHR stream of size 0, read with <c>_IO_READ</c> only. A read at
    /// offset 0 takes a fresh JSON snapshot into the OCB's buffer that later reads of the same OCB continue, so a
    /// read in pieces never tears. It reports the request counters, the sources (link, events…), the sessions
    /// and, per file (not itself), its open/read/write counts, exec locks and mapping OCBs — QNX's
    /// <c>_IO_FDINFO</c> spirit — so a test can check that a refusal changed nothing.
    /// Snapshot buffers are a fixed pool; an open when none is free → ENFILE (G). mmap is refused (ENOSYS).
    /// </summary>
    public sealed class StatusResource
    {
        /// <summary>How many sources (<see cref="AddSource"/>) /fw/status can report besides its own counts.</summary>
        public const int MaxSources = 8;

        /// <summary>Room kept for one file entry (besides its path, which escaping may make 6 times longer) and the closing of the document.</summary>
        private const int FileEntryReserve = 160;

        private readonly ResourceManager rm;
        private readonly ResourceAttr attr;
        private readonly byte[][] buffers;
        private readonly int[] lengths;
        private readonly bool[] used;
        private readonly JsonWriter json = new JsonWriter();
        private readonly IStatusSource[] sources = new IStatusSource[MaxSources];
        private int sourceCount;

        public StatusResource(ResourceManager rm, ResourceAttr parent, Mount readOnlyMount)
        {
            this.rm = rm;
            RmConfig c = rm.Config;
            buffers = new byte[c.StatusSnapshots][];
            lengths = new int[c.StatusSnapshots];
            used = new bool[c.StatusSnapshots];
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i] = new byte[c.StatusSnapshotBytes];
            }

            attr = rm.Namespace.Add(parent, "status", FileMode.Chr | 0x124, 0, 0, readOnlyMount); // 0444
            attr.FixedSize = true;
            attr.ListedInStatus = false;
            attr.Device = this;
            rm.StampNow(attr);
            attr.Funcs.Open = Open;
            attr.Funcs.Read = Read;
            attr.Funcs.Write = Refuse;
            attr.Funcs.Mmap = RefuseMmap;
            attr.Funcs.CloseOcb = CloseOcb;
        }

        public ResourceAttr Attr
        {
            get { return attr; }
        }

        /// <summary>
        /// Adds a source, reported as <c>"name": value</c> after the request counters, in the order added. Safe while
        /// the board serves: it takes the handler's lock (<see cref="ResourceManager.SyncRoot"/>), under which every
        /// snapshot is taken, so a snapshot holds a source whole or not at all. At most <see cref="MaxSources"/>
        /// (InvalidOperationException past them); a null source, or a name null, empty or already reported, is an
        /// ArgumentException, as the document would not be valid JSON with one object.
        /// </summary>
        public void AddSource(IStatusSource source)
        {
            if (source == null)
            {
                throw new System.ArgumentNullException("source");
            }

            string name = source.Name;
            if (name == null || name.Length == 0)
            {
                throw new System.ArgumentException("a status source needs a name", "source");
            }

            lock (rm.SyncRoot)
            {
                for (int i = 0; i < sourceCount; i++)
                {
                    if (sources[i].Name == name)
                    {
                        throw new System.ArgumentException("/fw/status already reports \"" + name + "\"", "source");
                    }
                }

                if (sourceCount == sources.Length)
                {
                    throw new System.InvalidOperationException("/fw/status reports at most " + MaxSources + " sources");
                }

                sources[sourceCount] = source;
                sourceCount++;
            }
        }

        /// <summary>
        /// The open: every RM-1 check first (IoFunc.OpenDefault), then a snapshot buffer for an open that can read;
        /// none free → the open is undone and answered ENFILE (G), so the pool never hides EROFS, EACCES… and an
        /// open asking for no access (stat by path) never needs a buffer.
        /// </summary>
        private int Open(ResmgrContext ctp, IoConnect msg, ResourceAttr a)
        {
            int r = IoFunc.OpenDefault(ctp, msg, a);
            if (r != Errno.EOK || !ctp.NewOcb.CanRead)
            {
                return r;
            }

            int slot = -1;
            for (int i = 0; i < used.Length; i++)
            {
                if (!used[i])
                {
                    slot = i;
                    break;
                }
            }

            if (slot < 0)
            {
                ctp.Rm.CloseOcb(ctp.NewOcb);
                ctp.NewOcb = null;
                return Errno.ENFILE;
            }

            used[slot] = true;
            lengths[slot] = 0;
            ctp.NewOcb.State = buffers[slot];
            return Errno.EOK;
        }

        private void CloseOcb(Ocb ocb)
        {
            for (int i = 0; i < buffers.Length; i++)
            {
                if (ocb.State == buffers[i])
                {
                    used[i] = false;
                }
            }
        }

        private int Read(ResmgrContext ctp, IoRead msg, Ocb ocb)
        {
            long offset;
            if (!IoFunc.TransferOffset(msg, ocb, out offset))
            {
                return Errno.EINVAL;
            }

            byte[] snapshot = (byte[])ocb.State;
            int slot = SlotOf(snapshot);
            if (offset == 0)
            {
                lengths[slot] = Snapshot(snapshot);
            }

            int length = lengths[slot];
            int n = 0;
            if (offset < length)
            {
                long want = msg.Nbytes;
                if (want > length - offset)
                {
                    want = length - offset;
                }

                if (want > ctp.BodyCapacity)
                {
                    want = ctp.BodyCapacity;
                }

                n = (int)want;
                System.Array.Copy(snapshot, (int)offset, ctp.Body, ctp.BodyOffset, n);
            }

            if (!msg.HasOffset)
            {
                ocb.Offset = offset + n;
            }

            ctp.Rm.TouchAccess(ocb.Attr);
            ctp.Status = n;
            return ctp.SetBody(n);
        }

        private int SlotOf(byte[] b)
        {
            for (int i = 0; i < buffers.Length; i++)
            {
                if (buffers[i] == b)
                {
                    return i;
                }
            }

            return 0;
        }

        private static int Refuse(ResmgrContext ctp, IoWrite msg, Ocb ocb)
        {
            return Errno.EBADF;
        }

        private static int RefuseMmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
        {
            return Errno.ENOSYS;
        }

        /// <summary>Writes the JSON snapshot under the handler's lock (a read already holds it); returns its length.</summary>
        public int Snapshot(byte[] target)
        {
            lock (rm.SyncRoot)
            {
                return SnapshotLocked(target);
            }
        }

        private int SnapshotLocked(byte[] target)
        {
            json.Reset(target, 0, target.Length);
            json.BeginObject();
            json.Property("version", 1);
            json.Name("requests");
            json.BeginObject();
            json.Property("handled", rm.RequestsHandled);
            json.Property("refused", rm.RequestsRefused);
            json.EndObject();
            for (int i = 0; i < sourceCount; i++)
            {
                json.Name(sources[i].Name);
                sources[i].WriteStatus(json);
            }

            json.Name("ocbs");
            json.BeginObject();
            json.Property("capacity", rm.Ocbs.Capacity);
            json.Property("in_use", rm.Ocbs.CountInUse());
            json.EndObject();
            json.Name("sessions");
            json.BeginArray();
            for (int s = 0; s < rm.Config.MaxSessions; s++)
            {
                int processes = rm.Processes.CountLive(s);
                if (processes > 0)
                {
                    json.BeginObject();
                    json.Property("slot", s);
                    json.Property("processes", processes);
                    json.EndObject();
                }
            }

            json.EndArray();
            json.Name("files");
            json.BeginArray();
            Namespace ns = rm.Namespace;
            bool truncated = json.Overflowed;
            for (int i = 0; i < ns.Count; i++)
            {
                ResourceAttr a = ns[i];
                if (!a.ListedInStatus)
                {
                    continue;
                }

                // Stop listing while the rest still fits, so the snapshot stays valid JSON and says it was cut.
                if (json.Remaining < FileEntryReserve + (6 * a.Path.Length))
                {
                    truncated = true;
                    break;
                }

                json.BeginObject();
                json.Property("path", a.Path);
                json.Property("open", a.OpenCount);
                json.Property("read", a.ReadCount);
                json.Property("write", a.WriteCount);
                json.Property("exec_locks", a.ExecLocks);
                json.Property("mapping_ocbs", a.MappingOcbs);
                json.Property("size", a.Size);
                json.EndObject();
            }

            json.EndArray();
            json.Property("truncated", truncated || json.Overflowed);
            json.EndObject();
            return json.Length;
        }
    }
}
