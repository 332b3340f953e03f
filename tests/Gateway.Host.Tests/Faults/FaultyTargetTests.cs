using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Devices.Registers;
using Gateway.Host.Board;
using Gateway.Host.Memory;
using Gateway.Host.Targets;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Tests.Faults;

/// <summary>
/// The memory manager over a link that drops, corrupts, duplicates, reorders and delays frames
/// (<c>link+emu:?faults=RATE&amp;seed=N</c>): every request takes effect exactly once (the board's applied count equals
/// the requests the host sent), and every load sees what was stored.
/// </summary>
public sealed class FaultyTargetTests
{
    [Theory]
    [InlineData(0.01, 11)]
    [InlineData(0.001, 12)]
    public async Task MemoryManagerWorkload_ThroughFaults_EachRequestAppliedOnce(double rate, int seed)
    {
        await using var target = (LinkTarget)TargetRegistry.Create(FormattableString.Invariant($"link+emu:?faults={rate}&seed={seed}"));
        var session = (LinkTargetSession)await target.OpenSessionAsync(TargetRequirements.None);
        var trace = new TracingChannel(session.Channel);
        var mm = new MemoryManager(trace);
        await mm.StartAsync();
        var p = await mm.SpawnAsync(2, Cred(0, 0));
        int bank = (int)(await p.OpenAsync("dev/gpio/bank0", OpenFlags.ReadWrite)).Value;
        var regs = await p.MmapAsync(0, 4096, Prot.Read | Prot.Write, MapFlags.Shared, bank, 0);
        Assert.True(regs.Ok, regs.ToString());
        int file = (int)(await p.OpenAsync("dev/removable0", OpenFlags.ReadWrite)).Value;
        var ram = await p.MmapAsync(0, 65536, Prot.Read | Prot.Write, MapFlags.Shared, file, 0);
        Assert.True(ram.Ok, ram.ToString());

        for (uint i = 0; i < 300; i++)
        {
            // TOGGLE is not idempotent: a request applied twice would show in OUTPUT.
            Assert.True((await p.StoreAsync(regs.Address + GpioBankRegion.Toggle, 4, 1u << (int)(i % 32))).Ok);
            Assert.True((await p.StoreAsync(ram.Address + (i * 200 % 65000), 4, i * 2654435761u)).Ok);
        }

        Assert.True((await p.MsyncAsync(ram.Address, 65536, MapFlags.MsSync | MapFlags.MsInvalidate)).Ok);
        uint expected = 0;
        for (uint i = 0; i < 300; i++)
        {
            expected ^= 1u << (int)(i % 32);
        }

        Assert.Equal((ulong)expected, (await p.LoadAsync(regs.Address + GpioBankRegion.Output, 4)).Value);
        for (uint i = 0; i < 300; i++)
        {
            ulong last = 0;
            for (uint k = 0; k < 300; k++)
            {
                if (k * 200 % 65000 == i * 200 % 65000)
                {
                    last = k * 2654435761u;
                }
            }

            Assert.Equal(last & 0xFFFFFFFF, (await p.LoadAsync(ram.Address + (i * 200 % 65000), 4)).Value);
        }

        var board = session.EmulatedBoard!;
        Assert.Equal(trace.Count, board.Link.Counters.Get(LinkCounter.RequestsApplied));
        var injected = target.FaultyLinks.Sum(l => l.HostToBoard.Stats.Dropped + l.HostToBoard.Stats.Corrupted + l.HostToBoard.Stats.Duplicated + l.HostToBoard.Stats.Reordered +
                                               l.BoardToHost.Stats.Dropped + l.BoardToHost.Stats.Corrupted + l.BoardToHost.Stats.Duplicated + l.BoardToHost.Stats.Reordered);
        Assert.True(injected > 0, "no fault was injected: the test proves nothing");
    }

    [Fact]
    public async Task BoardReset_NewBootIdSeenByTheNextSession()
    {
        await using var target = TargetRegistry.Create("link+emu:?reset-after=1");
        var first = await target.OpenSessionAsync(TargetRequirements.None);
        string boot1 = first.Board.BootIdHex;
        Assert.Equal(boot1, first.BootId);
        Assert.Equal(0, await first.Channel.DeclareProcessAsync(1, MemoryManager.RootCred(), true));
        await first.Channel.SendAsync(1, 0x30000000, Sync()); // request 1: the board is reset right after it
        await first.DisposeAsync();
        var second = await target.OpenSessionAsync(TargetRequirements.None);
        Assert.NotEqual(boot1, second.Board.BootIdHex);
    }

    [Theory]
    [InlineData("link+emu:?faults=0.5")]
    [InlineData("link+emu:?faults=x")]
    [InlineData("emu:?faults=0.01")]
    [InlineData("pty:?faults=0.01")]
    public void Create_BadFaultOption_IsAUsageError(string uri)
    {
        Assert.True(Assert.Throws<TargetUriException>(() => TargetRegistry.Create(uri)).IsUsageError);
    }
}
