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
    /// Modes are octal in the table; here they are written as octal-in-comment hex.
    /// </summary>
    public static class BoardNamespace
    {
        private const uint Dir0755 = 0x1ED;
        private const uint Dir0777 = 0x1FF;

        public static Board Build(BoardDefinition def, IClock clock, ILog log)
        {
            Board board = new Board();
            board.Definition = def;
            board.RootMount = new Mount("root", 0, false, 0);
            board.DevMount = new Mount("dev", 0, false, 0);
            board.FwMount = new Mount("fw", MountFlags.ReadOnly, false, 0);
            board.DataMount = new Mount("data", 0, true, def.DataRamBudget);
            board.NoExecMount = new Mount("noexec", MountFlags.NoExec, false, 0);

            ResourceManager.ResourceManager rm = new ResourceManager.ResourceManager(def.Rm, board.RootMount, clock, log);
            board.Rm = rm;
            Namespace ns = rm.Namespace;
            ResourceAttr root = ns.Root;

            // /dev
            ResourceAttr dev = Dir(rm, root, "dev", Dir0755, board.DevMount);
            ResourceAttr gpio = Dir(rm, dev, "gpio", Dir0755, board.DevMount);
            ResourceAttr spi0 = Dir(rm, dev, "spi0", Dir0755, board.DevMount);
            ResourceAttr shmem = Dir(rm, dev, "shmem", Dir0755, board.DevMount);

            board.Banks = new GpioBankRegion[def.Banks.Length];
            board.Memory = new PhysicalMemory(def.Banks.Length + 1);
            for (int i = 0; i < def.Banks.Length; i++)
            {
                GpioBankDefinition b = def.Banks[i];
                GpioBankRegion region = new GpioBankRegion(b.Bank, i, board.Events);
                board.Banks[i] = region;
                ResourceAttr attr = Device(rm, gpio, b.Name, FileMode.Chr | 0x1B0, 0, 20, board.DevMount, region.Size, DeviceIds.GpioBankBase + (uint)i,
                    MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
                region.Attach(attr);
                if (b.PhysicalBase != 0)
                {
                    board.Memory.AddWindow(b.PhysicalBase, region, "/dev/gpio/" + b.Name);
                }
            }

            // Every board serves /dev/spi0 (board-resources.md); a board without an SPI bus answers GO with ERROR = ENODEV.
            board.SpiBuffer = new SpiBuffer();
            board.SpiControl = new SpiControlRegion(def.Spi, board.SpiBuffer, board.Events);
            ResourceAttr ctl = Device(rm, spi0, "ctl", FileMode.Chr | 0x1B0, 0, 21, board.DevMount, SpiControlRegion.RegionSize, DeviceIds.SpiControl,
                MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
            board.SpiControl.Attach(ctl);
            ResourceAttr buf = Device(rm, spi0, "buf", FileMode.Chr | 0x1B0, 0, 21, board.DevMount, SpiBuffer.Size, DeviceIds.SpiBuffer,
                MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs);
            board.SpiBuffer.Attach(buf);

            ResourceAttr scratch = Device(rm, shmem, "scratch", FileMode.Nam | 0x1B6, 0, 0, board.DevMount, def.ShmemSize, FileMode.SubtypeShm,
                MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs | MmapReplyFlags.ServerShmemObject);
            scratch.Data = new byte[def.ShmemSize];
            scratch.SharedObjectId = 1;

            ResourceAttr removable = Device(rm, dev, "removable0", FileMode.Chr | 0x1B6, 0, 0, board.DevMount, def.RemovableSize, DeviceIds.Removable,
                MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs | MmapReplyFlags.Removable);
            removable.Data = new byte[def.RemovableSize];

            board.Console = new ConsoleStream(def.ConsoleCapacity, def.ConsoleOutput);
            ResourceAttr ser1 = Device(rm, dev, "ser1", FileMode.Chr | 0x190, 0, 0, board.DevMount, 0, DeviceIds.Console, 0);
            ser1.MmapReply = MmapReplyKind.Plain;
            board.Console.Attach(ser1);

            ResourceAttr mem = Device(rm, dev, "mem", FileMode.Chr | 0x180, 0, 0, board.DevMount, PhysicalMemory.Size, DeviceIds.Memory,
                MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
            board.Memory.Attach(mem);

            // /fw (read-only)
            ResourceAttr fw = Dir(rm, root, "fw", Dir0755, board.FwMount);
            board.InfoJson = FwJson.Info(board);
            ResourceAttr info = File(rm, fw, "info", 0x124, 0, 0, board.FwMount, board.InfoJson, MmapReplyFlags.CacheReadFromCache);
            board.Map = new FwMapContent(board);
            ResourceAttr map = Produced(rm, fw, "map", 0x124, board.FwMount, board.Map, 0);
            board.Status = new StatusResource(rm, fw, board.FwMount);
            board.Status.Attr.Rdev = DeviceIds.Status;
            ResourceAttr bin = Dir(rm, fw, "bin", Dir0755, board.FwMount);
            Produced(rm, bin, "blink", 0x1ED, board.FwMount, new PatternContent(FirmwareImages.BlinkSize, FirmwareImages.BlinkSeed, true), FirmwareImages.BlinkSize);
            Produced(rm, bin, "table.bin", 0x1A4, board.FwMount, new CrcTableContent(), FirmwareImages.TableSize);

            // /data: a RAM file system with its starting files, afresh at every boot (G).
            ResourceAttr data = Dir(rm, root, "data", Dir0777, board.DataMount);
            File(rm, data, "app", 0x1ED, 100, 100, board.DataMount, FirmwareImages.Pattern(8192, 0x41505020), 0);
            File(rm, data, "grpexec", 0x1EC, 100, 30, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x47525058), 0);
            File(rm, data, "ownerexec", 0x1E4, 100, 100, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x4F574E58), 0);
            ResourceAttr notes = File(rm, data, "notes.txt", 0x1A4, 100, 100, board.DataMount, FirmwareImages.Notes(1024), 0);
            notes.MmapReply = MmapReplyKind.Plain;
            File(rm, data, "private", 0x180, 100, 100, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x50525656), 0);
            File(rm, data, "sticky", FileMode.Sticky | 0x1A4, 100, 100, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x5354434B), 0);
            ResourceAttr form32 = File(rm, data, "form32", 0x1A4, 100, 100, board.DataMount, FirmwareImages.Pattern(def.DataFileSize, 0x46333220), 0);
            form32.FixedStatForm = StatForm.T32_2008;
            for (ResourceAttr c = data.FirstChild; c != null; c = c.NextSibling)
            {
                c.Growable = true;
                board.DataMount.RamUsed += c.Data.Length;
            }

            ResourceAttr noexec = Dir(rm, root, "noexec", Dir0755, board.NoExecMount);
            File(rm, noexec, "tool", 0x1ED, 0, 0, board.NoExecMount, FirmwareImages.Pattern(def.NoExecToolSize, 0x544F4F4C), 0);

            // /fw/map last: it describes every resource above.
            board.MapAttr = map;
            RebuildMap(board);
            return board;
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
        public static ResourceAttr Device(ResourceManager.ResourceManager rm, ResourceAttr parent, string name, uint mode, int uid, int gid, Mount mount, long size, uint rdev, uint flags)
        {
            ResourceAttr a = rm.Namespace.Add(parent, name, mode, uid, gid, mount);
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
        /// extended mmap reply and READ_FROM_CACHE, as the /fw images are (RM-18).
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
        public static ResourceAttr File(ResourceManager.ResourceManager rm, ResourceAttr parent, string name, uint perm, int uid, int gid, Mount mount, byte[] content, uint flags)
        {
            ResourceAttr a = rm.Namespace.Add(parent, name, FileMode.Reg | perm, uid, gid, mount);
            a.Data = content;
            a.Size = content.Length;
            a.MmapReply = MmapReplyKind.Extended;
            a.MmapFlags = flags;
            rm.StampNow(a);
            return a;
        }
    }
}
