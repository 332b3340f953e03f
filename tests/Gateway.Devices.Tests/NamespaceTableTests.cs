using System.Linq;
using System.Text.Json;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Devices.Tests;

/// <summary>The emulated board's namespace against the table of system.md §4, row by row.</summary>
public sealed class NamespaceTableTests
{
    public static TheoryData<string, string, long, int, int, int, string, string, int> Rows() => new()
    {
        // path, type, size, mode (octal as decimal digits), uid, gid, mount, mmap reply, flags besides USE_EXTENDED|form
        { "/", "dir", 0, 755, 0, 0, "rw", "plain", -1 },
        { "/dev", "dir", 0, 755, 0, 0, "rw", "plain", -1 },
        { "/dev/gpio", "dir", 0, 755, 0, 0, "rw", "plain", -1 },
        { "/dev/spi0", "dir", 0, 755, 0, 0, "rw", "plain", -1 },
        { "/dev/shmem", "dir", 0, 755, 0, 0, "rw", "plain", -1 },
        { "/fw", "dir", 0, 755, 0, 0, "ro", "plain", -1 },
        { "/fw/bin", "dir", 0, 755, 0, 0, "ro", "plain", -1 },
        { "/data", "dir", 0, 777, 0, 0, "rw", "plain", -1 },
        { "/noexec", "dir", 0, 755, 0, 0, "rw", "plain", -1 },
        { "/dev/gpio/bank0", "chr", 4096, 660, 0, 20, "rw", "ext", 0x22 },
        { "/dev/gpio/bank1", "chr", 4096, 660, 0, 20, "rw", "ext", 0x22 },
        { "/dev/spi0/ctl", "chr", 4096, 660, 0, 21, "rw", "ext", 0x22 },
        { "/dev/spi0/buf", "chr", 8192, 660, 0, 21, "rw", "ext", 0x20 },
        { "/dev/shmem/scratch", "nam", 65536, 666, 0, 0, "rw", "ext", 0xA0 },
        { "/dev/removable0", "chr", 65536, 666, 0, 0, "rw", "ext", 0x60 },
        { "/dev/ser1", "chr", 0, 620, 0, 0, "rw", "refused", -1 },
        { "/dev/mem", "chr", 1L << 32, 600, 0, 0, "rw", "ext", 0x22 },
        { "/fw/info", "reg", -1, 444, 0, 0, "ro", "ext", 0x04 },
        { "/fw/map", "reg", -1, 444, 0, 0, "ro", "ext", 0x04 },
        { "/fw/status", "chr", 0, 444, 0, 0, "ro", "refused", -1 },
        { "/fw/bin/blink", "reg", 6144, 755, 0, 0, "ro", "ext", 0x04 },
        { "/fw/bin/table.bin", "reg", 4096, 644, 0, 0, "ro", "ext", 0x04 },
        { "/data/app", "reg", 8192, 755, 100, 100, "rw", "ext", 0x00 },
        { "/data/grpexec", "reg", 4096, 754, 100, 30, "rw", "ext", 0x00 },
        { "/data/ownerexec", "reg", 4096, 744, 100, 100, "rw", "ext", 0x00 },
        { "/data/notes.txt", "reg", 1024, 644, 100, 100, "rw", "plain", -1 },
        { "/data/private", "reg", 4096, 600, 100, 100, "rw", "ext", 0x00 },
        { "/data/sticky", "reg", 4096, 1644, 100, 100, "rw", "ext", 0x00 },
        { "/data/form32", "reg", 4096, 644, 100, 100, "rw", "ext", 0x00 },
        { "/noexec/tool", "reg", 4096, 755, 0, 0, "rw", "ext", 0x00 },
    };

    private static uint Octal(int digits) => System.Convert.ToUInt32(digits.ToString(), 8);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Entry_MatchesTheTable(string path, string type, long size, int mode, int uid, int gid, string mount, string reply, int flags)
    {
        var h = new DeviceHarness();
        var a = h.Board.Rm.Namespace.Find(path);
        Assert.NotNull(a);
        Assert.Equal(type, Boards.FwJson.TypeName(a.Mode));
        if (size >= 0)
        {
            Assert.Equal(size, a.Size);
        }

        Assert.Equal(Octal(mode), a.Mode & FileMode.PermMask);
        Assert.Equal((uid, gid), (a.Uid, a.Gid));
        Assert.Equal(mount == "ro", a.Mount.ReadOnly);

        // The reply form and flags, as root through the memory manager.
        var open = h.Send(2, 3, Connect(path, OpenFlags.ReadOnly));
        Assert.False(open.IsError, open.ToString());
        ulong offset = path == "/dev/mem" ? 0xFE200000ul : 0;
        var r = h.Send(1, 0x40000000, Mmap(2, 3, Prot.Read, Prot.Read, offset, 16));
        switch (reply)
        {
            case "refused":
                Assert.Equal(Errno.ENOSYS, r.Errno);
                break;
            case "plain":
                Assert.False(r.IsError, r.ToString());
                Assert.Equal(IoMmapReply.Size, r.Body.Length);
                break;
            default:
                Assert.False(r.IsError, r.ToString());
                Assert.Equal(IoMmapReplyExt.Size, r.Body.Length);
                var x = new IoMmapReplyExt();
                x.Decode(r.Body, 0, r.Body.Length);
                int form = path == "/data/form32" ? StatForm.T32_2008 : StatForm.T64_2008;
                Assert.Equal(MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(form) | (uint)flags, x.Flags);
                break;
        }
    }

    [Fact]
    public void Sticky_HasSvtxBit_ShmemHasInshdSubtype()
    {
        var h = new DeviceHarness();
        Assert.Equal(FileMode.Sticky, h.Board.Rm.Namespace.Find("/data/sticky").Mode & FileMode.Sticky);
        Assert.Equal(FileMode.SubtypeShm, h.Board.Rm.Namespace.Find("/dev/shmem/scratch").Rdev);
    }

    [Fact]
    public void FwMap_IsJsonDescribingEveryResourceWindowWiringAndSpiDevice()
    {
        var h = new DeviceHarness(quirks: true);
        h.Open(3, "fw/map", OpenFlags.ReadOnly);
        var r = h.Send(2, 3, Read(65536));
        using var doc = JsonDocument.Parse(r.Body);
        var root = doc.RootElement;
        var paths = root.GetProperty("resources").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(h.Board.Rm.Namespace.Count, paths.Count);
        Assert.Contains("/quirks/legacy", paths);
        var window = Assert.Single(root.GetProperty("windows").EnumerateArray());
        Assert.Equal(0xFE200000L, window.GetProperty("start").GetInt64());
        Assert.Equal(4096, window.GetProperty("size").GetInt32());
        Assert.Equal("/dev/gpio/bank0", window.GetProperty("resource").GetString());
        Assert.Contains(root.GetProperty("wiring").EnumerateArray(), w => w.GetProperty("from_pin").GetInt32() == 4 && w.GetProperty("to_pin").GetInt32() == 5);
        Assert.Contains(root.GetProperty("spi").EnumerateArray(), s => s.GetProperty("device").GetString() == "25LC256" && s.GetProperty("chip_select").GetInt32() == 0);
        Assert.Equal(13, root.GetProperty("register_maps").GetProperty("gpio-bank").GetArrayLength());
        var bank1 = root.GetProperty("gpio_banks").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "bank1");
        Assert.Equal(0xFF, bank1.GetProperty("present").GetInt64());
    }

    [Fact]
    public void FwInfo_NamesTheBoardAndItsWidth()
    {
        var h = new DeviceHarness(is64: false);
        h.Open(3, "fw/info", OpenFlags.ReadOnly);
        using var doc = JsonDocument.Parse(h.Send(2, 3, Read(4096)).Body);
        Assert.Equal(32, doc.RootElement.GetProperty("bits").GetInt32());
        Assert.Equal("t32_2001", doc.RootElement.GetProperty("preferred_stat_form").GetString());
    }

    [Fact]
    public void DevMem_WindowIsBank0Registers_OutsideIsEnxio()
    {
        var h = new DeviceHarness();
        h.Open(3, "dev/mem", OpenFlags.ReadWrite);
        h.Open(4, "dev/gpio/bank0", OpenFlags.ReadWrite);
        h.WriteWord(3, 0xFE200000 + 0x04, 0xABCD);
        Assert.Equal(0xABCDu, h.ReadWord(4, 0x04));
        Assert.Equal(0xFFFFFFFFu, h.ReadWord(3, 0xFE200000 + 0x30));
        Assert.Equal(Errno.ENXIO, h.Send(2, 3, Read(4, 0xFE1FFFFC)).Errno);
        Assert.Equal(Errno.ENXIO, h.Send(2, 3, Read(8, 0xFE200FFC)).Errno);
        Assert.Equal(Errno.ENXIO, h.Send(2, 3, WriteWord(1, 0)).Errno);
        Assert.Equal(Errno.EINVAL, h.Send(2, 3, Read(2, 0xFE200000)).Errno);
    }

    [Fact]
    public void Console_ReadReturnsWaitingBytesOrZero_WriteCounts_MmapRefused()
    {
        var h = new DeviceHarness();
        h.Open(3, "dev/ser1", OpenFlags.ReadWrite);
        Assert.Equal(0, h.Send(2, 3, Read(10)).Value);
        h.Board.Devices.Console.Feed(new byte[] { 65, 66, 67 }, 0, 3);
        var r = h.Send(2, 3, Read(10));
        Assert.Equal(new byte[] { 65, 66, 67 }, r.Body);
        Assert.Equal(5, h.Send(2, 3, Write(new byte[5])).Value);
        Assert.Equal(5, h.Board.Devices.Console.BytesWritten);
        Assert.Equal(Errno.ENOSYS, h.Map(3, Prot.Read).Errno);
    }

    [Fact]
    public void Readdir_Root_ListsTableOrder()
    {
        var h = new DeviceHarness(quirks: true);
        h.Open(3, "", OpenFlags.ReadOnly);
        var body = h.Send(2, 3, Read(4096)).Body;
        var names = new System.Collections.Generic.List<string>();
        var d = new Dirent();
        for (int o = 0; o < body.Length; o += d.Reclen)
        {
            d.Decode(body, o, body.Length - o);
            names.Add(System.Text.Encoding.ASCII.GetString(body, d.NameOffset, d.Namelen));
        }

        Assert.Equal(new[] { "dev", "fw", "data", "noexec", "quirks" }, names);
    }
}
