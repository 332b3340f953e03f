using System;
using System.Collections.Generic;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>
/// Per-session quotas (resource-manager.md "Quotas", G; issue 13 finding 7): one session at its limits is refused
/// with its own errno — ENFILE for opens, ENOMEM for mappings, EDQUOT for /data files and bytes — while every other
/// session still opens, maps and creates; the files a session created go with it (RM-5). RM-1 and §5 name the
/// errnos of a full table.
/// </summary>
public sealed class QuotaTests
{
    private static RmHarness TwoSessions(RmConfig config)
    {
        config.MaxSessions = 2;
        var h = new RmHarness(config).WithProcesses();
        Assert.Equal(0, h.Declare(1, RmHarness.MmPid, Cred(0, 0)));
        Assert.Equal(0, h.Declare(1, 2, Cred(100, 100)));
        return h;
    }

    [Fact]
    public void Open_SessionAtItsOcbQuota_IsEnfile_OtherSessionStillOpensFwStatus()
    {
        // RM-1: ENFILE is what a full table answers; to a session its quota is its share of the table.
        var h = TwoSessions(new RmConfig { MaxOcbs = 8, OcbsPerSession = 4 });
        for (int fd = 3; fd < 7; fd++)
        {
            Assert.False(h.Open(2, fd, "data/app", OpenFlags.ReadOnly).IsError);
        }

        h.AssertRefusedWithoutEffect(Errno.ENFILE, () => h.Open(2, 7, "fw/status", OpenFlags.ReadOnly));
        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly, session: 1).IsError);
        Assert.Equal(4, h.Rm.Ocbs.InSession(0));
        Assert.Equal(1, h.Rm.Ocbs.InSession(1));

        // A close gives the session its place back.
        Assert.False(h.CloseFd(2, 3).IsError);
        Assert.False(h.Open(2, 7, "fw/status", OpenFlags.ReadOnly).IsError);
    }

    [Fact]
    public void Mmap_SessionAtItsOcbQuota_IsEnomem_OtherSessionStillMaps()
    {
        // RM-15 and §5: a mapping OCB counts against the session like any OCB; a full share answers ENOMEM.
        var h = TwoSessions(new RmConfig { MaxOcbs = 8, OcbsPerSession = 2 });
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly).IsError);
        Assert.False(h.Open(2, 4, "data/notes.txt", OpenFlags.ReadOnly).IsError);

        h.AssertRefusedWithoutEffect(Errno.ENOMEM, () => h.MapFor(2, 3, Prot.Read, Prot.Read));

        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadOnly, session: 1).IsError);
        Assert.False(h.MapFor(2, 3, Prot.Read, Prot.Read, session: 1).IsError);
    }

    [Fact]
    public void Create_SessionAtItsFileQuota_IsEdquot_OtherSessionStillCreates()
    {
        var h = TwoSessions(new RmConfig { FilesPerSession = 2 });
        Assert.False(h.Open(2, 3, "data/a", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.False(h.Open(2, 4, "data/b", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);

        h.AssertRefusedWithoutEffect(Errno.EDQUOT, () => h.Open(2, 5, "data/c", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4));
        Assert.Null(h.Rm.Namespace.Find("/data/c"));

        // Opening a file that exists is no creation: the quota does not apply.
        Assert.False(h.Open(2, 5, "data/a", OpenFlags.ReadWrite | OpenFlags.Creat).IsError);
        Assert.False(h.Open(2, 3, "data/c", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4, session: 1).IsError);
        Assert.Equal(2, h.Rm.Quotas.Files(0));
        Assert.Equal(1, h.Rm.Quotas.Files(1));
    }

    [Fact]
    public void Write_PastTheSessionsByteQuota_IsEdquot_OtherSessionStillGrowsItsFile()
    {
        var h = TwoSessions(new RmConfig { BytesPerSession = 4096 });
        Assert.False(h.Open(2, 3, "data/mine", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);

        // A write reaching past the quota is short; one that cannot take a byte is EDQUOT and changes nothing.
        var first = h.Send(0, 2, 3, Write(new byte[3000]));
        var second = h.Send(0, 2, 3, Write(new byte[3000]));
        Assert.Equal(3000, first.Value);
        Assert.Equal(4096 - 3000, second.Value);
        h.AssertRefusedWithoutEffect(Errno.EDQUOT, () => h.Send(0, 2, 3, Write(new byte[10])));
        Assert.Equal(4096, h.Rm.Quotas.Bytes(0));

        Assert.False(h.Open(2, 3, "data/theirs", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4, session: 1).IsError);
        Assert.Equal(4000, h.Send(1, 2, 3, Write(new byte[4000])).Value);
    }

    [Fact]
    public void Write_GrowingAStartingFile_OnlyIntoWhatTheQuotasLeave_IsEnospc()
    {
        // The harness's /data has 64 KiB; two sessions × 24 KiB leave 16 KiB for the starting files.
        var h = TwoSessions(new RmConfig { BytesPerSession = 24 * 1024 });
        Assert.False(h.Open(2, 3, "data/notes.txt", OpenFlags.ReadWrite).IsError);
        var grown = h.Send(0, 2, 3, Write(new byte[20 * 1024], offset: 1024));
        Assert.Equal(16 * 1024, grown.Value);
        h.AssertRefusedWithoutEffect(Errno.ENOSPC, () => h.Send(0, 2, 3, Write(new byte[1], offset: 17 * 1024)));

        // Each session still has its whole quota.
        Assert.False(h.Open(2, 4, "data/new", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.Equal(24 * 1024, h.Send(0, 2, 4, Write(new byte[24 * 1024])).Value);
        Assert.False(h.Open(2, 3, "data/other", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4, session: 1).IsError);
        Assert.Equal(24 * 1024, h.Send(1, 2, 3, Write(new byte[24 * 1024])).Value);
    }

    [Fact]
    public void EndSession_RemovesTheFilesItCreated_FilesBytesAndRamComeBack()
    {
        // RM-5: the session's OCBs close; G: its files go with it.
        var h = TwoSessions(new RmConfig { FilesPerSession = 2, BytesPerSession = 8192 });
        int nodes = h.Rm.Namespace.Count;
        long ram = h.Data.RamUsed;
        Assert.False(h.Open(2, 3, "data/a", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.False(h.Open(2, 4, "data/b", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.Equal(5000, h.Send(0, 2, 3, Write(new byte[5000])).Value);

        h.Rm.EndSession(0);

        Assert.Equal(nodes, h.Rm.Namespace.Count);
        Assert.Equal(ram, h.Data.RamUsed);
        Assert.Equal(0, h.Rm.Quotas.Files(0));
        Assert.Equal(0, h.Rm.Quotas.Bytes(0));
        Assert.Equal(Errno.ENOENT, h.Open(2, 3, "data/a", OpenFlags.ReadOnly, session: 1).Errno);

        // The slot's next session starts with its whole quota.
        h.WithProcesses();
        Assert.False(h.Open(2, 3, "data/a", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.False(h.Open(2, 4, "data/b", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1A4).IsError);
        Assert.Equal(8192, h.Send(0, 2, 3, Write(new byte[8192])).Value);
    }

    [Fact]
    public void EndSession_FileHeldOpenByAnotherSession_ReadableThere_RamBackAtItsLastClose()
    {
        var h = TwoSessions(new RmConfig());
        long ram = h.Data.RamUsed;
        Assert.False(h.Open(2, 3, "data/shared", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1B6).IsError);
        Assert.Equal(100, h.Send(0, 2, 3, Write(Filled(100, 0x5A))).Value);
        Assert.False(h.Open(2, 3, "data/shared", OpenFlags.ReadWrite, session: 1).IsError);

        h.Rm.EndSession(0);

        // Gone from the namespace, still there through the other session's OCB (as an unlinked file), not growable.
        Assert.Null(h.Rm.Namespace.Find("/data/shared"));
        var read = h.Send(1, 2, 3, Read(100));
        Assert.Equal(Filled(100, 0x5A), read.Body);
        Assert.Equal(Errno.ENOSPC, h.Send(1, 2, 3, Write(new byte[1], offset: 1 << 20)).Errno);
        Assert.True(h.Data.RamUsed > ram);

        Assert.False(h.CloseFd(2, 3, session: 1).IsError);
        Assert.Equal(ram, h.Data.RamUsed);
    }

    [Theory]
    [InlineData(64)] // indexed
    [InlineData(OcbTable.IndexedAbove)] // scanned, as on the ESP32
    public void OcbTable_RandomChurn_AgreesWithAScan(int size)
    {
        // The hash indexes, the free list and the counts must answer exactly what a scan of the table would.
        var table = new OcbTable(size, 4);
        var files = new ResourceAttr[5];
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = new ResourceAttr { Path = "/f" + i, Ino = (ulong)(i * 977 + 1) };
        }

        var rng = new Random(13);
        var live = new List<Ocb>();
        for (int step = 0; step < 20_000; step++)
        {
            if (live.Count > 0 && (rng.Next(3) == 0 || !table.HasFree))
            {
                var o = live[rng.Next(live.Count)];
                live.Remove(o);
                table.Release(o);
            }
            else
            {
                int session = rng.Next(4), pid = rng.Next(1, 4), coid = rng.Next(3, 40);
                if (table.Find(session, pid, coid) == null)
                {
                    bool mapping = rng.Next(4) == 0;
                    var attr = files[rng.Next(files.Length)];
                    if (!mapping || table.FindMapping(attr, session) == null)
                    {
                        live.Add(table.Allocate(session, pid, coid, attr, mapping));
                    }
                }
            }

            int s = rng.Next(4), p = rng.Next(1, 4), c = rng.Next(3, 40);
            Assert.Same(Scan(table, o => o.Session == s && o.Pid == p && o.Coid == c), table.Find(s, p, c));
            var f = files[rng.Next(files.Length)];
            Assert.Same(Scan(table, o => o.IsMapping && o.Attr == f && o.Session == s), table.FindMapping(f, s));
            Assert.Equal(live.Count, table.CountInUse());
            Assert.Equal(live.FindAll(o => o.Session == s).Count, table.InSession(s));
        }
    }

    private static Ocb? Scan(OcbTable table, Predicate<Ocb> match)
    {
        for (int i = 0; i < table.Capacity; i++)
        {
            if (table[i].InUse && match(table[i]))
            {
                return table[i];
            }
        }

        return null;
    }

    private static byte[] Filled(int n, byte value)
    {
        var b = new byte[n];
        Array.Fill(b, value);
        return b;
    }
}
