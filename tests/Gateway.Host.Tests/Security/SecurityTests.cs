using System;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Security;

/// <summary>
/// Security checks end to end over the real link (in-memory transport, the emulated board's own BoardLink and
/// resource manager): authentication first, keys and replays, who may send <c>_IO_MMAP</c>, session isolation of
/// OCBs, undeclared pids, credentials on every open and exec mapping. The board-level tests of the same rules live
/// in Gateway.Protocol.Tests and Gateway.ResourceManager.Tests; these go through LinkClient and LinkChannel.
/// </summary>
public sealed class SecurityTests
{
    private const int MmCoid = MemoryManager.FirstMmCoid;

    private static EmulatedBoard Board() => new(new EmulatedBoardOptions { Clock = new SimulatedClock() });

    private static LinkClientOptions Options(string host, byte[]? key = null) => new()
    {
        Key = key ?? DevelopmentKey.Create(),
        HostId = HostIds.FromName(host),
    };

    private static async Task<LinkClient> ConnectAsync(EmulatedBoard board, string host)
    {
        var client = await LinkClient.ConnectAsync(board.ConnectInMemory(), Options(host));
        Assert.Equal(0, (await client.DeclareAsync(1, Cred(0, 0))).Errno);
        Assert.Equal(0, (await client.DeclareAsync(2, Cred(0, 0))).Errno);
        return client;
    }

    // ---- authentication ----------------------------------------------------------------------------------

    [Fact]
    public void BeforeAuthentication_DeclareRequestAndPing_RefusedEperm_NothingExecuted()
    {
        using var board = Board();
        var host = new RawHost(board.ConnectInMemory());

        host.Send(FrameKind.Declare, 1, 2, (int)ProcessFlags.Bits64, RawHost.CredBody(0));
        BoardFrame declare = host.Next(FrameKind.Reply);
        host.Send(FrameKind.Request, 2, 1, 3, Connect("data/preauth", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1B6));
        BoardFrame request = host.Next(FrameKind.Reply);
        host.Send(FrameKind.Ping, 1, 0, 0, Array.Empty<byte>());
        BoardFrame ping = host.Next(FrameKind.Reply);

        foreach (var f in new[] { declare, request, ping })
        {
            Assert.Equal((Errno.EPERM, RefusalReason.NotAuthenticated), (RawHost.Errno(f), f.Reason));
        }

        Assert.Null(board.Rm.Namespace.Find("/data/preauth"));
        Assert.Equal((0, 0), (board.Link.Counters.RequestsApplied, board.Link.Counters.Get(LinkCounter.DeclaresApplied)));
        Assert.Equal(0, board.Link.SessionCount);
    }

    [Fact]
    public async Task WrongKey_TheClientRefusesTheBoardsProof_NoSessionOpens()
    {
        using var board = Board();

        await Assert.ThrowsAsync<LinkAuthenticationException>(() =>
            LinkClient.ConnectAsync(board.ConnectInMemory(), Options("wrong-key", new byte[32])));

        Assert.Equal(0, board.Link.SessionCount);
    }

    [Fact]
    public void ForgedHostProof_BadMacEperm_LaterRequestsStillRefused()
    {
        using var board = Board();
        var host = new RawHost(board.ConnectInMemory());
        byte[] hello = RawHost.Hello(HostIds.FromName("forger"));
        host.Send(FrameKind.Hello, 1, 0, 0, hello);
        BoardFrame challenge = host.Next(FrameKind.HelloReply);

        // The proof under a key that is not the board's.
        host.Send(FrameKind.Auth, 1, 0, 0, RawHost.HostProof(new byte[32], hello, challenge.Body));
        BoardFrame auth = host.Next(FrameKind.AuthReply);
        host.Send(FrameKind.Request, 1, 1, 3, Connect("fw/info", OpenFlags.ReadOnly));
        BoardFrame request = host.Next(FrameKind.Reply);

        Assert.False(challenge.IsError);
        Assert.Equal((Errno.EPERM, RefusalReason.BadMac), (RawHost.Errno(auth), auth.Reason));
        Assert.Equal((Errno.EPERM, RefusalReason.NotAuthenticated), (RawHost.Errno(request), request.Reason));
        Assert.Equal(0, board.Link.SessionCount);
        Assert.Equal(0, board.Link.Counters.RequestsApplied);
    }

    [Fact]
    public void ReplayedHello_SameHostNonce_RefusedReplayedNonce()
    {
        using var board = Board();
        var victim = new RawHost(board.ConnectInMemory());
        var (hello, _, accepted) = victim.Handshake(DevelopmentKey.Create(), HostIds.FromName("victim"));
        Assert.False(accepted.IsError);

        var attacker = new RawHost(board.ConnectInMemory());
        attacker.Send(FrameKind.Hello, 1, 0, 0, hello);
        BoardFrame refused = attacker.Next(FrameKind.HelloReply);

        Assert.Equal((Errno.EPERM, RefusalReason.ReplayedNonce), (RawHost.Errno(refused), refused.Reason));
        Assert.Equal(1, board.Link.SessionCount);
    }

    [Fact]
    public void ReplayedAuth_AgainstANewChallenge_BadMac_VictimSessionUntouched()
    {
        using var board = Board();
        byte[] hostId = HostIds.FromName("victim");
        var victim = new RawHost(board.ConnectInMemory());
        var (_, auth, accepted) = victim.Handshake(DevelopmentKey.Create(), hostId);
        Assert.False(accepted.IsError);

        // A fresh HELLO (the board's challenge is new), then the victim's recorded AUTH.
        var attacker = new RawHost(board.ConnectInMemory());
        attacker.Send(FrameKind.Hello, 1, 0, 0, RawHost.Hello(hostId));
        Assert.False(attacker.Next(FrameKind.HelloReply).IsError);
        attacker.Send(FrameKind.Auth, 1, 0, 0, auth);
        BoardFrame replayed = attacker.Next(FrameKind.AuthReply);
        victim.Send(FrameKind.Declare, 1, 1, (int)ProcessFlags.Bits64, RawHost.CredBody(0));
        BoardFrame stillThere = victim.Next(FrameKind.Reply);

        Assert.Equal((Errno.EPERM, RefusalReason.BadMac), (RawHost.Errno(replayed), replayed.Reason));
        Assert.Equal(0, RawHost.Errno(stillThere));
        Assert.Equal(1, board.Link.SessionCount);
    }

    // ---- who may do what ---------------------------------------------------------------------------------

    [Fact]
    public async Task IoMmap_FromAClientProcess_Enosys_FromTheMemoryManager_Allowed()
    {
        using var board = Board();
        await using var client = await ConnectAsync(board, "mmap-sender");
        Assert.Equal(0, (await client.SendAsync(2, 3, Connect("data/app", OpenFlags.ReadOnly))).Errno);
        byte[] mmap = Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096);

        var fromClient = await client.SendAsync(2, MmCoid, mmap);
        var fromMm = await client.SendAsync(1, MmCoid, mmap);

        Assert.Equal(Errno.ENOSYS, fromClient.Errno);
        Assert.False(fromMm.IsError, fromMm.ToString());
    }

    [Fact]
    public async Task AnotherSessionsOcbs_ClientAndMappingOcb_Ebadf_OwnerUnaffected()
    {
        using var board = Board();
        await using var a = await ConnectAsync(board, "session-a");
        await using var b = await ConnectAsync(board, "session-b");
        Assert.Equal(0, (await a.SendAsync(2, 3, Connect("data/app", OpenFlags.ReadOnly))).Errno);
        Assert.False((await a.SendAsync(1, MmCoid, Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096))).IsError);

        // Session B uses the same (pid, coid) numbers: they name nothing there.
        var readClientOcb = await b.SendAsync(2, 3, Read(16, 0));
        var mmapClientOcb = await b.SendAsync(1, MmCoid + 1, Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096));
        var readMappingOcb = await b.SendAsync(1, MmCoid, Read(16, 0));
        var closeMappingOcb = await b.SendAsync(1, MmCoid, Close());
        var closeClientOcb = await b.SendAsync(2, 3, Close());

        Assert.Equal(Errno.EBADF, readClientOcb.Errno);
        Assert.Equal(Errno.EBADF, mmapClientOcb.Errno);
        Assert.Equal(Errno.EBADF, readMappingOcb.Errno);
        Assert.Equal(Errno.EBADF, closeMappingOcb.Errno);
        Assert.Equal(Errno.EBADF, closeClientOcb.Errno);
        Assert.Equal(16, (await a.SendAsync(2, 3, Read(16, 0))).Status);
        Assert.Equal(16, (await a.SendAsync(1, MmCoid, Read(16, 0))).Status);
    }

    [Fact]
    public async Task UndeclaredPid_Eperm_NoEffect()
    {
        using var board = Board();
        await using var client = await ConnectAsync(board, "undeclared");

        var open = await client.SendAsync(77, 3, Connect("data/undeclared", OpenFlags.ReadWrite | OpenFlags.Creat, mode: 0x1B6));
        var mmap = await client.SendAsync(77, MmCoid, Mmap(77, 3, Prot.Read, Prot.Read, 0, 4096));

        Assert.Equal((Errno.EPERM, RefusalReason.UndeclaredPid), (open.Errno, open.Reason));
        Assert.Equal((Errno.EPERM, RefusalReason.UndeclaredPid), (mmap.Errno, mmap.Reason));
        Assert.Null(board.Rm.Namespace.Find("/data/undeclared"));
    }

    // ---- credentials -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("data/private", OpenFlags.ReadWrite, 100, 100, 0, 0)] // 0600 100:100: the owner
    [InlineData("data/private", OpenFlags.ReadOnly, 200, 100, 0, Errno.EACCES)] // group has no bits
    [InlineData("data/notes.txt", OpenFlags.ReadOnly, 200, 200, 0, 0)] // 0644: other may read
    [InlineData("data/notes.txt", OpenFlags.WriteOnly, 200, 200, 0, Errno.EACCES)] // …not write
    [InlineData("dev/gpio/bank0", OpenFlags.ReadWrite, 100, 100, 0, Errno.EACCES)] // 0660 0:20
    [InlineData("dev/gpio/bank0", OpenFlags.ReadWrite, 100, 100, 20, 0)] // a supplementary group 20
    [InlineData("dev/gpio/bank0", OpenFlags.ReadWrite, 0, 0, 0, 0)] // root
    [InlineData("dev/mem", OpenFlags.ReadOnly, 100, 100, 0, Errno.EACCES)] // 0600 0:0
    [InlineData("fw/info", OpenFlags.WriteOnly, 0, 0, 0, Errno.EROFS)] // read-only mount, even for root
    public async Task EveryOpen_CredentialsChecked(string path, uint oflag, int uid, int gid, int group, int errno)
    {
        using var board = Board();
        await using var client = await LinkClient.ConnectAsync(board.ConnectInMemory(), Options("creds-open"));
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        var p = await mm.SpawnAsync(2, group == 0 ? Cred(uid, gid) : Cred(uid, gid, group));

        var open = await p.OpenAsync(path, oflag);

        Assert.Equal(errno, open.Errno);
    }

    [Theory]
    [InlineData("data/ownerexec", 100, 100, 0, 0)] // 0744 100:100: the owner may execute
    [InlineData("data/ownerexec", 200, 100, 0, Errno.EACCES)] // the group may not
    [InlineData("data/grpexec", 200, 30, 0, 0)] // 0754 100:30: the group may
    [InlineData("data/grpexec", 200, 31, 30, 0)] // …through a supplementary group too
    [InlineData("data/grpexec", 200, 31, 0, Errno.EACCES)] // other may not
    [InlineData("data/notes.txt", 0, 0, 0, Errno.EACCES)] // 0644: no x bit, not even for root
    [InlineData("noexec/tool", 0, 0, 0, Errno.EACCES)] // 0755 on a no-exec mount
    [InlineData("fw/bin/blink", 100, 100, 0, 0)] // 0755 0:0
    [InlineData("dev/removable0", 0, 0, 0, Errno.EACCES)] // devices are never executable
    public async Task EveryExecMapping_CredentialsChecked(string path, int uid, int gid, int group, int errno)
    {
        using var board = Board();
        await using var client = await LinkClient.ConnectAsync(board.ConnectInMemory(), Options("creds-exec"));
        var mm = new MemoryManager(new LinkChannel(client));
        await mm.StartAsync();
        var p = await mm.SpawnAsync(2, group == 0 ? Cred(uid, gid) : Cred(uid, gid, group));
        var fd = await p.OpenAsync(path, OpenFlags.ReadOnly);
        Assert.True(fd.Ok, fd.ToString());

        var map = await p.MmapAsync(0, 4096, Prot.Read | Prot.Exec, MapFlags.Private, (int)fd.Value, 0);

        Assert.Equal(errno, map.Errno);
        if (errno == 0)
        {
            Assert.True((map.AllowedProt & Prot.Exec) != 0);
        }
    }
}
