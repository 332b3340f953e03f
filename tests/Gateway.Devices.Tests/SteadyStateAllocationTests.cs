using System;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.InProcess;

namespace Gateway.Devices.Tests;

/// <summary>
/// performance.md §1 (the board core): once the board is in its steady state (files open, mapping OCB
/// created), decoding, checking and answering a request allocates nothing. The bytes allocated on this thread
/// around N requests are counted (not timed): any allocation per request shows as N × its size.
/// </summary>
public sealed class SteadyStateAllocationTests
{
    private const int Warmup = 64;
    private const int Requests = 1000;

    private readonly EmulatedBoard board = new(new EmulatedBoardOptions { Clock = new SimulatedClock() });
    private readonly SteadyStateRequests s;

    public SteadyStateAllocationTests()
    {
        s = new SteadyStateRequests(board.Rm);
    }

    [Fact]
    public void Mmap_MappingOcbReused_AllocatesNothing()
    {
        long bytes = AllocatedBy(s.SendMmap);

        Assert.False(s.Reply.IsError, $"errno {s.Reply.Value}");
        Assert.Equal(IoMmapReplyExt.Size, s.Reply.Length);
        var reply = new IoMmapReplyExt();
        Assert.Equal(Protocol.Wire.DecodeError.None, reply.Decode(s.ReplyBuffer, s.Reply.BodyOffset, s.Reply.Length));
        Assert.Equal(SteadyStateRequests.BankMappingCoid, reply.Base.Coid);
        Assert.Equal(0L, bytes);
    }

    [Fact]
    public void PageIn_LseekPlusRead4096_AllocatesNothing()
    {
        long bytes = AllocatedBy(s.SendPageIn);

        Assert.False(s.Reply.IsError, $"errno {s.Reply.Value}");
        Assert.Equal(SteadyStateRequests.PageSize, s.Reply.Value);
        Assert.Equal(SteadyStateRequests.PageSize, s.Reply.Length);
        Assert.Equal(0L, bytes);
    }

    [Fact]
    public void RegisterStore_WordWriteWithOffset_AllocatesNothing()
    {
        long bytes = AllocatedBy(s.SendRegisterStore);

        Assert.False(s.Reply.IsError, $"errno {s.Reply.Value}");
        Assert.Equal(4, s.Reply.Value);
        Assert.Equal(0L, bytes);
    }

    [Fact]
    public void RegisterLoad_WordReadWithOffset_AllocatesNothing()
    {
        s.SendRegisterStore();

        long bytes = AllocatedBy(s.SendRegisterLoad);

        Assert.False(s.Reply.IsError, $"errno {s.Reply.Value}");
        Assert.Equal(4, s.Reply.Value);
        Assert.Equal(0x5A5AA5A5u, BitConverter.ToUInt32(s.ReplyBuffer, s.Reply.BodyOffset));
        Assert.Equal(0L, bytes);
    }

    [Fact]
    public void Mmap_On32BitBoard_AllocatesNothing()
    {
        var board32 = new EmulatedBoard(new EmulatedBoardOptions { Is64Bit = false, Clock = new SimulatedClock() });
        var s32 = new SteadyStateRequests(board32.Rm);

        long bytes = AllocatedBy(s32.SendMmap);

        Assert.False(s32.Reply.IsError, $"errno {s32.Reply.Value}");
        Assert.Equal(0L, bytes);
    }

    [Fact]
    public void Requests_WithTheRealTimeClock_AllocateNothing()
    {
        var live = new SteadyStateRequests(new EmulatedBoard(new EmulatedBoardOptions { Clock = new SystemClock() }).Rm);

        long bytes = AllocatedBy(() =>
        {
            live.SendPageIn();
            live.SendRegisterStore();
        });

        Assert.False(live.Reply.IsError, $"errno {live.Reply.Value}");
        Assert.Equal(0L, bytes);
    }

    /// <summary>Bytes this thread allocated over <see cref="Requests"/> calls, after a warm-up (JIT, tiering, statics).</summary>
    private static long AllocatedBy(Action send)
    {
        for (int i = 0; i < Warmup; i++)
        {
            send();
        }

        return ThreadAllocations.Least(() =>
        {
            for (int i = 0; i < Requests; i++)
            {
                send();
            }
        });
    }
}
