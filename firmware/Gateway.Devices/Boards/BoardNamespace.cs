using Gateway.Devices.Regions;
using Gateway.Devices.Registers;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;
using Gateway.ResourceManager.Introspection;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// Builds the namespace every board serves (board-resources.md), in the table's order, on top of the board's HAL.
    /// The table's octal modes and uid:gid owners are named below, so each line reads like its row.
    /// </summary>
    public static class BoardNamespace
    {
        private const uint Mode0444 = 0x124;
        private const uint Mode0600 = 0x180;
        private const uint Mode0620 = 0x190;
        private const uint Mode0644 = 0x1A4;
        private const uint Mode0660 = 0x1B0;
        private const uint Mode0666 = 0x1B6;
        private const uint Mode0744 = 0x1E4;
        private const uint Mode0754 = 0x1EC;
        private const uint Mode0755 = 0x1ED;
        private const uint Mode0777 = 0x1FF;

        // The owners of the table: root with the GPIO banks' group (0:20) or the SPI bus's (0:21); /data's starting
        // files belong to user 100 of group 100, /data/grpexec to group 30 (a group the owner's processes may lack).
        private const int GpioGid = 20;
        private const int SpiGid = 21;
        private const int DataUid = 100;
        private const int DataGid = 100;
        private const int DataOtherGid = 30;

        public static Board Build(BoardDefinition def, IClock clock, ILog log)
        {
            Board board = new Board();
            board.Definition = def;
            board.RootMount = new Mount("root", flags: 0, creatable: false, ramBudget: 0);
            board.DevMount = new Mount("dev", flags: 0, creatable: false, ramBudget: 0);
            board.FwMount = new Mount("fw", flags: MountFlags.ReadOnly, creatable: false, ramBudget: 0);
            board.DataMount = new Mount("data", flags: 0, creatable: true, ramBudget: def.DataRamBudget);
            board.NoExecMount = new Mount("noexec", flags: MountFlags.NoExec, creatable: false, ramBudget: 0);

            ResourceManager.ResourceManager rm = new ResourceManager.ResourceManager(def.Rm, board.RootMount, clock, log);
            board.Rm = rm;
            Namespace ns = rm.Namespace;
            ResourceAttr root = ns.Root;
            Owner gpioGroup = new Owner(0, GpioGid);
            Owner spiGroup = new Owner(0, SpiGid);
            Owner dataUser = new Owner(DataUid, DataGid);
            Owner dataOtherGroup = new Owner(DataUid, DataOtherGid);

            // /dev
            ResourceAttr dev = Dir(rm, root, "dev", Mode0755, board.DevMount);
            ResourceAttr gpio = Dir(rm, dev, "gpio", Mode0755, board.DevMount);
            ResourceAttr spi0 = Dir(rm, dev, "spi0", Mode0755, board.DevMount);
            ResourceAttr shmem = Dir(rm, dev, "shmem", Mode0755, board.DevMount);

            board.Banks = new GpioBankRegion[def.Banks.Length];
            board.Memory = new PhysicalMemory(def.Banks.Length + 1);
            for (int i = 0; i < def.Banks.Length; i++)
            {
                GpioBankDefinition b = def.Banks[i];
                GpioBankRegion region = new GpioBankRegion(b.Bank, i, board.Events);
                board.Banks[i] = region;
                ResourceAttr attr = Device(rm, gpio, b.Name, FileMode.Chr | Mode0660, gpioGroup, board.DevMount,
                    size: region.Size, rdev: DeviceIds.GpioBankBase + (uint)i, flags: MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
                region.Attach(attr);
                if (b.PhysicalBase != 0)
                {
                    board.Memory.AddWindow(b.PhysicalBase, region, "/dev/gpio/" + b.Name);
                }
            }

            // Every board serves /dev/spi0 (board-resources.md); a board without an SPI bus answers GO with ERROR = ENODEV.
            board.SpiBuffer = new SpiBuffer();
            board.SpiControl = new SpiControlRegion(def.Spi, board.SpiBuffer, board.Events);
            ResourceAttr ctl = Device(rm, spi0, "ctl", FileMode.Chr | Mode0660, spiGroup, board.DevMount,
                size: SpiControlRegion.RegionSize, rdev: DeviceIds.SpiControl, flags: MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
            board.SpiControl.Attach(ctl);
            ResourceAttr buf = Device(rm, spi0, "buf", FileMode.Chr | Mode0660, spiGroup, board.DevMount,
                size: SpiBuffer.Size, rdev: DeviceIds.SpiBuffer, flags: MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs);
            board.SpiBuffer.Attach(buf);

            ResourceAttr scratch = Device(rm, shmem, "scratch", FileMode.Nam | Mode0666, Owner.Root, board.DevMount,
                size: def.ShmemSize, rdev: FileMode.SubtypeShm, flags: MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs | MmapReplyFlags.ServerShmemObject);
            scratch.Data = new byte[def.ShmemSize];
            scratch.SharedObjectId = 1;

            ResourceAttr removable = Device(rm, dev, "removable0", FileMode.Chr | Mode0666, Owner.Root, board.DevMount,
                size: def.RemovableSize, rdev: DeviceIds.Removable, flags: MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs | MmapReplyFlags.Removable);
            removable.Data = new byte[def.RemovableSize];

            board.Console = new ConsoleStream(def.ConsoleCapacity, def.ConsoleOutput);
            ResourceAttr ser1 = Device(rm, dev, "ser1", FileMode.Chr | Mode0620, Owner.Root, board.DevMount, size: 0, rdev: DeviceIds.Console, flags: 0);
            ser1.MmapReply = MmapReplyKind.Plain;
            board.Console.Attach(ser1);

            ResourceAttr mem = Device(rm, dev, "mem", FileMode.Chr | Mode0600, Owner.Root, board.DevMount,
                size: PhysicalMemory.Size, rdev: DeviceIds.Memory, flags: MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
            board.Memory.Attach(mem);

            // /fw (read-only)
            ResourceAttr fw = Dir(rm, root, "fw", Mode0755, board.FwMount);
            board.InfoJson = FwJson.Info(board);
            ResourceAttr info = File(rm, fw, "info", Mode0444, Owner.Root, board.FwMount, board.InfoJson, flags: MmapReplyFlags.CacheReadFromCache);
            board.InfoAttr = info;
            board.Map = new FwMapContent(board);
            ResourceAttr map = Produced(rm, fw, "map", Mode0444, board.FwMount, board.Map, size: 0);
            board.Status = new StatusResource(rm, fw, board.FwMount);
            board.Status.Attr.Rdev = DeviceIds.Status;
            ResourceAttr bin = Dir(rm, fw, "bin", Mode0755, board.FwMount);
            Produced(rm, bin, "blink", Mode0755, board.FwMount, new PatternContent(FirmwareImages.BlinkSize, FirmwareImages.BlinkSeed, true), size: FirmwareImages.BlinkSize);
            Produced(rm, bin, "table.bin", Mode0644, board.FwMount, new CrcTableContent(), size: FirmwareImages.TableSize);

            // /data: a RAM file system with its starting files, afresh at every boot (G).
            ResourceAttr data = Dir(rm, root, "data", Mode0777, board.DataMount);
            File(rm, data, "app", Mode0755, dataUser, board.DataMount, FirmwareImages.Pattern(8192, 0x41505020), flags: 0);
            File(rm, data, "grpexec", Mode0754, dataOtherGroup, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x47525058), flags: 0);
            File(rm, data, "ownerexec", Mode0744, dataUser, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x4F574E58), flags: 0);
            ResourceAttr notes = File(rm, data, "notes.txt", Mode0644, dataUser, board.DataMount, FirmwareImages.Notes(1024), flags: 0);
            notes.MmapReply = MmapReplyKind.Plain;
            File(rm, data, "private", Mode0600, dataUser, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x50525656), flags: 0);
            File(rm, data, "sticky", FileMode.Sticky | Mode0644, dataUser, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x5354434B), flags: 0);
            ResourceAttr form32 = File(rm, data, "form32", Mode0644, dataUser, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x46333220), flags: 0);
            form32.FixedStatForm = StatForm.T32_2008;
            for (ResourceAttr c = data.FirstChild; c != null; c = c.NextSibling)
            {
                c.Growable = true;
                board.DataMount.RamUsed += c.Data.Length;
            }

            SizeQuotas(def.Rm, board.DataMount);

            // /fw/info states the byte quota, known only now that /data's starting files exist.
            board.InfoJson = FwJson.Info(board);
            board.InfoAttr.Data = board.InfoJson;
            board.InfoAttr.Size = board.InfoJson.Length;

            ResourceAttr noexec = Dir(rm, root, "noexec", Mode0755, board.NoExecMount);
            File(rm, noexec, "tool", Mode0755, Owner.Root, board.NoExecMount, FirmwareImages.Pattern(def.NoExecToolSize, 0x544F4F4C), flags: 0);

            // /fw/map last: it describes every resource above.
            board.MapAttr = map;
            RebuildMap(board);
            return board;
        }

        /// <summary>
        /// Per-session quotas (resource-manager.md "Quotas", G): a byte quota asked to be derived (-1) becomes an equal
        /// share of /data's free RAM for each session and one more for the starting files to grow into, in whole KiB;
        /// a one-session board has none. Quotas that overcommit the OCB table are a build error: every session must
        /// always be able to reach its own quota.
        /// </summary>
        private static void SizeQuotas(RmConfig rm, Mount data)
        {
            if (rm.BytesPerSession < 0)
            {
                int free = data.RamBudget - data.RamUsed;
                rm.BytesPerSession = rm.MaxSessions > 1 && free > 0 ? free / (rm.MaxSessions + 1) / 1024 * 1024 : 0;
            }

            if (rm.OcbsPerSession > 0 && rm.OcbsPerSession * rm.MaxSessions > rm.MaxOcbs)
            {
                throw new System.InvalidOperationException("OCB quotas overcommit the table: " + rm.MaxSessions.ToString() + " sessions x " + rm.OcbsPerSession.ToString() + " > " + rm.MaxOcbs.ToString() + " OCBs");
            }
        }

        /// <summary>Fixes /fw/map again, after a board app added resources of its own (e.g. the emulated board's quirks).</summary>
        /// <remarks>
        /// The map lists itself with its size, which the listing changes: measure until the size it states is the
        /// size it has (the number's width settles within a few rounds).
        /// </remarks>
        public static void RebuildMap(Board board)
        {
            for (int round = 0; round < 8; round++)
            {
                board.Map.Capture();
                int length = board.Map.Measure();
                if (board.MapAttr.Size == length)
                {
                    return;
                }

                board.MapAttr.Size = length;
            }
        }

        /// <summary>Adds a directory (0755 0:0 unless said otherwise; plain mmap reply, RM-18).</summary>
        public static ResourceAttr Dir(ResourceManager.ResourceManager rm, ResourceAttr parent, string name, uint perm, Mount mount)
        {
            ResourceAttr a = rm.Namespace.AddDirectory(parent, name, perm, 0, 0, mount);
            rm.StampNow(a);
            return a;
        }

        /// <summary>Adds a fixed-size device resource with the extended mmap reply and its flags (RM-18).</summary>
        public static ResourceAttr Device(ResourceManager.ResourceManager rm, ResourceAttr parent, string name, uint mode, Owner owner, Mount mount, long size, uint rdev, uint flags)
        {
            ResourceAttr a = rm.Namespace.Add(parent, name, mode, owner.Uid, owner.Gid, mount);
            a.Size = size;
            a.Rdev = rdev;
            a.FixedSize = true;
            a.MmapReply = MmapReplyKind.Extended;
            a.MmapFlags = flags;
            rm.StampNow(a);
            return a;
        }

        /// <summary>
        /// Adds a read-only regular file produced on read (no stored copy; <see cref="IFileContent"/>) with the
        /// extended mmap reply and READ_FROM_CACHE, as the /fw images are (RM-18); owned by root.
        /// </summary>
        public static ResourceAttr Produced(ResourceManager.ResourceManager rm, ResourceAttr parent, string name, uint perm, Mount mount, IFileContent content, long size)
        {
            ResourceAttr a = rm.Namespace.Add(parent, name, FileMode.Reg | perm, 0, 0, mount);
            a.Device = content;
            a.Size = size;
            a.MmapReply = MmapReplyKind.Extended;
            a.MmapFlags = MmapReplyFlags.CacheReadFromCache;
            rm.StampNow(a);
            return a;
        }

        /// <summary>Adds a RAM-backed regular file with the extended mmap reply.</summary>
        public static ResourceAttr File(ResourceManager.ResourceManager rm, ResourceAttr parent, string name, uint perm, Owner owner, Mount mount, byte[] content, uint flags)
        {
            ResourceAttr a = rm.Namespace.Add(parent, name, FileMode.Reg | perm, owner.Uid, owner.Gid, mount);
            a.Data = content;
            a.Size = content.Length;
            a.MmapReply = MmapReplyKind.Extended;
            a.MmapFlags = flags;
            rm.StampNow(a);
            return a;
        }
    }
}
