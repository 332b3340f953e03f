using Gateway.Devices.Registers;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;
using Gateway.ResourceManager.Introspection;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// /fw/info and /fw/map (board-resources.md): machine-readable JSON fixed when the board is built. /fw/map lists
    /// every resource (type, size, mode, owner, mount, mmap reply and flags, register map), the register maps,
    /// the device windows, the GPIO banks with their pins, the test wiring the board declares and the SPI
    /// devices per chip select — the harness's device checks run only what a board declares. /fw/info is kept
    /// as written; /fw/map is produced on read from what it describes (<see cref="FwMapContent"/>).
    /// </summary>
    public static class FwJson
    {
        private static readonly byte[] Nothing = new byte[0];

        /// <summary>/fw/info, measured and then written into a buffer of exactly its size.</summary>
        public static byte[] Info(Board board)
        {
            JsonWriter w = new JsonWriter();
            w.Reset(Nothing, 0, 0);
            WriteInfo(w, board);
            byte[] document = new byte[w.Needed];
            w.Reset(document, 0, document.Length);
            WriteInfo(w, board);
            if (w.Overflowed || w.Length != document.Length)
            {
                throw new System.InvalidOperationException("/fw/info changed between its two passes");
            }

            return document;
        }

        private static void WriteInfo(JsonWriter w, Board board)
        {
            BoardDefinition d = board.Definition;
            w.BeginObject();
            w.Property("format", 1);
            w.Property("board", d.Name);
            w.Property("model", d.Model);
            w.Property("firmware", d.FirmwareVersion);
            w.Property("bits", d.Rm.Is64Bit ? 64 : 32);
            w.Property("preferred_stat_form", StatForm.Name(StatForm.Preferred(d.Rm.Is64Bit)));
            w.Property("page_size", 4096);
            w.Name("limits");
            w.BeginObject();
            w.Property("ocbs", d.Rm.MaxOcbs);
            w.Property("sessions", d.Rm.MaxSessions);
            w.Property("processes_per_session", d.Rm.MaxProcessesPerSession);
            w.Property("fds_per_process", d.Rm.MaxFdsPerProcess);

            // Per-session quotas (resource-manager.md "Quotas"), on a board with several sessions; a one-session board
            // (the ESP32) has none and leaves them out.
            if (d.Rm.MaxSessions > 1)
            {
                w.Property("ocbs_per_session", d.Rm.OcbsPerSession);
                w.Property("data_files_per_session", d.Rm.FilesPerSession);
                w.Property("data_bytes_per_session", d.Rm.BytesPerSession);
            }
            w.EndObject();
            w.EndObject();
        }

        /// <summary>
        /// Writes /fw/map: the first <see cref="FwMapContent.Count"/> resources with the sizes <paramref name="listed"/>
        /// fixed, so the document stays what it was when built while /data grows. Into a window
        /// (<see cref="JsonWriter.ResetWindow"/>) it stops once the window is full.
        /// </summary>
        public static void WriteMap(JsonWriter w, Board board, FwMapContent listed)
        {
            BoardDefinition d = board.Definition;
            w.BeginObject();
            w.Property("format", 1);
            w.Property("board", d.Name);

            w.Name("resources");
            w.BeginArray();
            Namespace ns = board.Rm.Namespace;
            for (int i = 0; i < listed.Count; i++)
            {
                if (w.WindowFull)
                {
                    return;
                }

                Resource(w, ns[i], listed.SizeOf(i));
            }

            w.EndArray();
            if (w.WindowFull)
            {
                return;
            }

            w.Name("register_maps");
            w.BeginObject();
            if (board.Banks.Length > 0)
            {
                RegisterMap(w, board.Banks[0]);
            }

            if (board.SpiControl != null)
            {
                RegisterMap(w, board.SpiControl);
            }

            w.EndObject();
            if (w.WindowFull)
            {
                return;
            }

            w.Name("windows");
            w.BeginArray();
            for (int i = 0; i < board.Memory.Count; i++)
            {
                w.BeginObject();
                w.Property("start", (long)board.Memory.StartOf(i));
                w.Property("size", board.Memory.RegionOf(i).Size);
                w.Property("resource", board.Memory.NameOf(i));
                w.EndObject();
            }

            w.EndArray();

            w.Name("gpio_banks");
            w.BeginArray();
            for (int i = 0; i < board.Banks.Length; i++)
            {
                w.BeginObject();
                w.Property("name", d.Banks[i].Name);
                w.Property("path", "/dev/gpio/", d.Banks[i].Name);
                w.Property("pins", board.Banks[i].PinCount);
                w.Property("present", (long)board.Banks[i].PresentPins);
                w.Property("event_source", board.Banks[i].EventSource);
                w.EndObject();
            }

            w.EndArray();

            w.Name("wiring");
            w.BeginArray();
            for (int i = 0; i < d.Wiring.Length; i++)
            {
                WireDeclaration wire = d.Wiring[i];
                w.BeginObject();
                w.Property("from_bank", wire.FromBank);
                w.Property("from_pin", wire.FromPin);
                w.Property("to_bank", wire.ToBank);
                w.Property("to_pin", wire.ToPin);
                w.EndObject();
            }

            w.EndArray();

            w.Name("spi");
            w.BeginArray();
            for (int i = 0; i < d.SpiDevices.Length; i++)
            {
                SpiDeviceDeclaration s = d.SpiDevices[i];
                w.BeginObject();
                w.Property("bus", "spi0");
                w.Property("chip_select", s.ChipSelect);
                w.Property("device", s.Device);
                w.Property("size", s.Size);
                w.Property("page_size", s.PageSize);
                w.Property("address_bytes", s.AddressBytes);
                w.EndObject();
            }

            w.EndArray();
            w.EndObject();
        }

        private static void Resource(JsonWriter w, ResourceAttr a, long size)
        {
            w.BeginObject();
            w.Property("path", a.Path);
            w.Property("type", TypeName(a.Mode));
            w.Property("size", size);
            w.Property("mode", (long)(a.Mode & FileMode.PermMask));
            w.Property("uid", a.Uid);
            w.Property("gid", a.Gid);
            w.Property("mount", a.Mount.ReadOnly ? "ro" : "rw");
            w.Property("noexec", a.Mount.NoExec);
            w.Property("creatable", a.Mount.Creatable);
            string kind = MmapKind(a);
            w.Property("mmap", kind);
            if (kind == "ext" || kind == "ext-custom")
            {
                uint flags = a.MmapFlags;
                if (a.SharedObjectId > 0)
                {
                    flags |= MmapReplyFlags.ServerShmemObject;
                }

                w.Property("flags", (long)flags);
            }

            if (a.FixedStatForm != 0)
            {
                w.Property("stat_form", StatForm.Name(a.FixedStatForm));
            }

            RegisterRegion regs = a.Device as RegisterRegion;
            if (regs != null)
            {
                w.Property("register_map", regs.MapName);
            }

            w.EndObject();
        }

        private static string MmapKind(ResourceAttr a)
        {
            if (a.Device is SpiBuffer)
            {
                return "ext-custom";
            }

            if (a.Handlers.Mmap != null)
            {
                return "refused";
            }

            return a.MmapReply == MmapReplyKind.Extended ? "ext" : "plain";
        }

        private static void RegisterMap(JsonWriter w, RegisterRegion region)
        {
            w.Name(region.MapName);
            w.BeginArray();
            RegisterInfo[] regs = region.Registers;
            for (int i = 0; i < regs.Length; i++)
            {
                w.BeginObject();
                w.Property("name", regs[i].Name);
                w.Property("offset", regs[i].Offset);
                w.Property("access", regs[i].Access);
                w.Property("reset", (long)regs[i].Reset);
                w.EndObject();
            }

            w.EndArray();
        }

        public static string TypeName(uint mode)
        {
            switch (mode & FileMode.TypeMask)
            {
                case FileMode.Dir: return "dir";
                case FileMode.Chr: return "chr";
                case FileMode.Nam: return "nam";
                case FileMode.Reg: return "reg";
                case FileMode.Blk: return "blk";
                case FileMode.Fifo: return "fifo";
                case FileMode.Lnk: return "lnk";
                case FileMode.Sock: return "sock";
                default: return "unknown";
            }
        }
    }
}
