using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Load;

/// <summary>
/// Many host sessions and processes against one emulated board over the real link (rules.md §5 limits: 4
/// sessions, 32 processes per session, 16 fds per process, 64 OCBs per session of a table of 256 shared by client and mapping OCBs): every limit
/// is answered with its errno, never a crash, and after thousands of mappings every count is back to zero.
/// </summary>
public sealed class LoadTests
{
    private const int Sessions = 4;
    private const int ProcessesPerSession = 32;
    private const int FdsPerProcess = 16;
    private const int OcbsPerSession = 64;

    private static EmulatedBoard Board() => new(new EmulatedBoardOptions { Clock = new SimulatedClock() });

    private static LinkClientOptions Options(string host) => new()
    {
        Key = DevelopmentKey.Create(),
        HostId = HostIds.FromName(host),
        RetransmitTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<(LinkClient Client, MemoryManager Mm)> SessionAsync(EmulatedBoard board, string host)
    {
        var client = await LinkClient.ConnectAsync(board.ConnectInMemory(), Options(host));
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        return (client, mm);
    }

    [Fact]
    public async Task Sessions_FifthHost_RefusedNoSessionSlot_FirstFourWork()
    {
        using var board = Board();
        var sessions = new List<(LinkClient Client, MemoryManager Mm)>();
        for (int i = 0; i < Sessions; i++)
        {
            sessions.Add(await SessionAsync(board, $"load-host-{i}"));
        }

        var e = await Assert.ThrowsAsync<LinkRefusedException>(() => LinkClient.ConnectAsync(board.ConnectInMemory(), Options("load-host-extra")));
        foreach (var (client, mm) in sessions)
        {
            var p = await mm.SpawnAsync(2, Cred(0, 0));
            Assert.True((await p.OpenAsync("fw/info", OpenFlags.ReadOnly)).Ok);
        }

        Assert.Equal(RefusalReason.NoSessionSlot, e.Reason);
        Assert.Equal(Errno.EAGAIN, e.Errno);
        Assert.Equal(Sessions, board.Link.SessionCount);
        foreach (var (client, _) in sessions)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Processes_32PerSessionInEverySession_The33rdIsENOMEM()
    {
        using var board = Board();
        for (int s = 0; s < Sessions; s++)
        {
            var (client, _) = await SessionAsync(board, $"load-procs-{s}");
            await using (client)
            {
                // pid 1 (the memory manager) is declared: 31 more fill the session's 32.
                for (int pid = 2; pid <= ProcessesPerSession; pid++)
                {
                    Assert.Equal(0, (await client.DeclareAsync(pid, Cred(100, 100))).Errno);
                }

                Assert.Equal(Errno.ENOMEM, (await client.DeclareAsync(ProcessesPerSession + 1, Cred(100, 100))).Errno);
                Assert.Equal(Errno.EBUSY, (await client.DeclareAsync(2, Cred(100, 100))).Errno);
            }
        }
    }

    [Fact]
    public async Task Fds_ToTheLimit_BoardAnswersEMFILE_HostLibraryToo()
    {
        using var board = Board();
        var (client, mm) = await SessionAsync(board, "load-fds");
        await using (client)
        {
            // Raw opens straight over the link (no host library): the board's own per-process limit.
            Assert.Equal(0, (await client.DeclareAsync(2, Cred(0, 0))).Errno);
            for (int coid = 3; coid < 3 + FdsPerProcess; coid++)
            {
                Assert.Equal(0, (await client.SendAsync(2, coid, Connect("fw/info", OpenFlags.ReadOnly))).Errno);
            }

            Assert.Equal(Errno.EMFILE, (await client.SendAsync(2, 3 + FdsPerProcess, Connect("fw/info", OpenFlags.ReadOnly))).Errno);

            // Through the host library: EMFILE without a message.
            var p = await mm.SpawnAsync(3, Cred(0, 0));
            for (int i = 0; i < FdsPerProcess; i++)
            {
                Assert.True((await p.OpenAsync("fw/info", OpenFlags.ReadOnly)).Ok);
            }

            Assert.Equal(Errno.EMFILE, (await p.OpenAsync("fw/info", OpenFlags.ReadOnly)).Errno);
        }
    }

    [Fact]
    public async Task Ocbs_OneSessionAtItsQuota_OpenENFILE_MmapENOMEM_OtherSessionsStillOpenAndMap()
    {
        // Issue 13 finding 7: 64 opens from one session used to take every OCB of the board. Now they take that
        // session's quota (resource-manager.md "Quotas"); RM-1 and §5 give the errnos a full table answers.
        using var board = Board();
        var sessions = new List<(LinkClient Client, MemoryManager Mm)>();
        for (int s = 0; s < Sessions; s++)
        {
            sessions.Add(await SessionAsync(board, $"load-ocbs-{s}"));
        }

        var greedy = sessions[0].Mm;
        var opened = new List<(ClientProcess P, int Fd)>();
        for (int pid = 2; pid < 2 + (OcbsPerSession / FdsPerProcess); pid++)
        {
            var p = await greedy.SpawnAsync(pid, Cred(0, 0));
            for (int i = 0; i < FdsPerProcess; i++)
            {
                var fd = await p.OpenAsync("data/app", OpenFlags.ReadOnly);
                Assert.True(fd.Ok, fd.ToString());
                opened.Add((p, (int)fd.Value));
            }
        }

        var extra = await greedy.SpawnAsync(100, Cred(0, 0));
        var full = await extra.OpenAsync("fw/status", OpenFlags.ReadOnly);
        var (victim, victimFd) = opened[0];
        var map = await victim.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, victimFd, 0);

        Assert.Equal(Errno.ENFILE, full.Errno);
        Assert.Equal(Errno.ENOMEM, map.Errno);
        Assert.Equal(OcbsPerSession, Enumerable.Range(0, Sessions).Max(board.Rm.Ocbs.InSession));

        // Every other session still opens /fw/status and maps a file.
        for (int s = 1; s < Sessions; s++)
        {
            var p = await sessions[s].Mm.SpawnAsync(2, Cred(0, 0));
            Assert.True((await p.OpenAsync("fw/status", OpenFlags.ReadOnly)).Ok);
            var fd = await p.OpenAsync("data/app", OpenFlags.ReadOnly);
            Assert.True(fd.Ok);
            Assert.True((await p.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, (int)fd.Value, 0)).Ok);
        }

        // Closing one fd lets the greedy session's mapping through; ending the sessions frees everything (RM-5).
        Assert.True((await opened[1].P.CloseAsync(opened[1].Fd)).Ok);
        Assert.True((await victim.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, victimFd, 0)).Ok);
        foreach (var s in sessions)
        {
            await s.Client.DisposeAsync();
        }

        await Poll.UntilAsync(
            () => board.Rm.Ocbs.CountInUse() == 0 && board.Link.SessionCount == 0,
            10_000,
            () => $"after the sessions ended the board still holds {board.Rm.Ocbs.CountInUse()} OCBs and {board.Link.SessionCount} sessions (RM-5)");
    }

    [Fact]
    public async Task Creat_OneSessionFloods_ItsOwnEDQUOT_OthersStillCreate_FilesGoWithTheSession()
    {
        // Issue 13 finding 7: 66 O_CREAT files used to fill /data for every host until reboot.
        using var board = Board();
        var (floodClient, flood) = await SessionAsync(board, "load-creat-flood");
        var (otherClient, other) = await SessionAsync(board, "load-creat-other");
        int quota = board.Rm.Config.FilesPerSession;
        int nodes = board.Rm.Namespace.Count;

        var p = await flood.SpawnAsync(2, Cred(0, 0));
        for (int i = 0; i < quota; i++)
        {
            var fd = await p.OpenAsync($"data/flood{i}", OpenFlags.ReadWrite | OpenFlags.Creat, 0x1A4);
            Assert.True(fd.Ok, fd.ToString());
            Assert.True((await p.CloseAsync((int)fd.Value)).Ok);
        }

        Assert.Equal(Errno.EDQUOT, (await p.OpenAsync("data/one-more", OpenFlags.ReadWrite | OpenFlags.Creat, 0x1A4)).Errno);
        var q = await other.SpawnAsync(2, Cred(0, 0));
        Assert.True((await q.OpenAsync("data/mine", OpenFlags.ReadWrite | OpenFlags.Creat, 0x1A4)).Ok);

        // The flooding session ends: its files go, the other session's stays.
        await floodClient.DisposeAsync();
        await Poll.UntilAsync(
            () => board.Rm.Namespace.Count == nodes + 1,
            10_000,
            () => $"the namespace holds {board.Rm.Namespace.Count} nodes, not {nodes + 1}: the flooding session's files did not go with it");
        Assert.Equal(Errno.ENOENT, (await q.OpenAsync("data/flood0", OpenFlags.ReadOnly)).Errno);
        Assert.True((await q.OpenAsync("data/mine", OpenFlags.ReadOnly)).Ok);
        await otherClient.DisposeAsync();
    }

    [Fact]
    public async Task ThousandsOfMappings_FourSessionsAtOnce_EveryCountBackToZero()
    {
        const int MappingsPerProcess = 160;
        const int ProcessesPerHost = 4;
        using var board = Board();
        string[] files = { "data/app", "dev/shmem/scratch", "dev/removable0", "fw/bin/table.bin", "fw/bin/blink", "dev/gpio/bank0" };

        async Task HostAsync(int host)
        {
            var (client, mm) = await SessionAsync(board, $"load-maps-{host}");
            await using (client)
            {
                var work = Enumerable.Range(0, ProcessesPerHost).Select(async i =>
                {
                    var p = await mm.SpawnAsync(2 + i, Cred(0, 0));
                    for (int n = 0; n < MappingsPerProcess; n++)
                    {
                        string path = files[(n + i + host) % files.Length];
                        var fd = await p.OpenAsync(path, OpenFlags.ReadOnly);
                        Assert.True(fd.Ok, $"{path}: {fd}");
                        var m = await p.MmapAsync(0, 4096, Prot.Read, MapFlags.Shared, (int)fd.Value, 0);
                        Assert.True(m.Ok, $"{path}: {m}");
                        Assert.True((await p.LoadAsync(m.Address, 4)).Ok);
                        Assert.True((await p.MunmapAsync(m.Address, 4096)).Ok);
                        Assert.True((await p.CloseAsync((int)fd.Value)).Ok);
                    }
                });
                await Task.WhenAll(work);
                Assert.Empty(mm.OpenObjects);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(HostAsync));

        // A fresh session reads /fw/status: only its own fd on /fw/status is open, and no file has an open
        // count, a mapping OCB or an exec lock left.
        var (reader, readerMm) = await SessionAsync(board, "load-maps-status");
        await using (reader)
        {
            var p = await readerMm.SpawnAsync(2, Cred(0, 0));
            using var status = JsonDocument.Parse(await ReadStatusAsync(p));
            var root = status.RootElement;
            Assert.Equal(1, root.GetProperty("ocbs").GetProperty("in_use").GetInt32());
            var busy = root.GetProperty("files").EnumerateArray()
                .Where(f => f.GetProperty("open").GetInt32() != 0 || f.GetProperty("mapping_ocbs").GetInt32() != 0 || f.GetProperty("exec_locks").GetInt32() != 0)
                .Select(f => f.GetProperty("path").GetString())
                .ToList();
            Assert.Empty(busy);
            Assert.Equal(0, root.GetProperty("link").GetProperty("duplicates-answered").GetInt32());
            Assert.Single(root.GetProperty("sessions").EnumerateArray());
            // At least open, _IO_MMAP, the mapping coid's close and the fd's close per mapping (page-ins vary by cache mode).
            long handled = root.GetProperty("requests").GetProperty("handled").GetInt64();
            Assert.True(handled >= Sessions * ProcessesPerHost * MappingsPerProcess * 4, $"{handled} requests handled");
        }
    }

    /// <summary>Reads /fw/status whole (a read at offset 0 takes the snapshot, later reads continue it).</summary>
    internal static async Task<string> ReadStatusAsync(ClientProcess p)
    {
        var fd = await p.OpenAsync("fw/status", OpenFlags.ReadOnly);
        Assert.True(fd.Ok, fd.ToString());
        var json = new MemoryStream();
        while (true)
        {
            var (r, data) = await p.ReadAsync((int)fd.Value, 8192);
            Assert.True(r.Ok, r.ToString());
            if (data.Length == 0)
            {
                break;
            }

            json.Write(data);
        }

        return Encoding.UTF8.GetString(json.ToArray());
    }
}
