using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Paced;
using Gateway.Transports.Tests.Contract;

namespace Gateway.Transports.Tests.Paced;

/// <summary>The paced line keeps the link transport contract (virtual clock, 3,000,000 baud).</summary>
public sealed class PacedSerialLineContractTests : LinkTransportContract
{
    protected override Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync()
    {
        var line = new PacedSerialLine(3_000_000);
        return Task.FromResult<(Stream, IByteStream, Action)>((line.Host, line.Board, line.Close));
    }
}

/// <summary>The paced line in fast-forward mode keeps the contract too.</summary>
public sealed class FastForwardLineContractTests : LinkTransportContract
{
    protected override Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync()
    {
        var line = new PacedSerialLine(3_000_000, LineClockMode.FastForward);
        return Task.FromResult<(Stream, IByteStream, Action)>((line.Host, line.Board, line.Close));
    }
}

/// <summary>Arrival times are exact bit counts (8N1: 10 bit times a byte); the virtual clock makes them deterministic.</summary>
public sealed class PacedSerialLineTests
{
    [Fact]
    public void VirtualClock_ABurstOfBytes_ArrivesTenBitTimesPerByte()
    {
        var line = new PacedSerialLine(115_200);

        line.Host.Write(new byte[1000]);
        int n = line.Board.Read(new byte[2000], 0, 2000, 0);

        Assert.Equal(1000, n);
        Assert.Equal(10_000, line.BoardClock);
        Assert.Equal(0, line.HostClock);
        Assert.Equal(1000, line.HostToBoardBytes);
    }

    [Fact]
    public void VirtualClock_TwoWritesAtOnce_SecondQueuesBehindFirst()
    {
        var line = new PacedSerialLine(921_600);

        line.Host.Write(new byte[100]);
        line.Host.Write(new byte[50]);
        int first = line.Board.Read(new byte[500], 0, 500, 0);
        long afterFirst = line.BoardClock;
        int second = line.Board.Read(new byte[500], 0, 500, 0);

        // A read ends at the end of one write (an idle line between writes ends a UART read too).
        Assert.Equal((100, 50), (first, second));
        Assert.Equal((1000L, 1500L), (afterFirst, line.BoardClock));
    }

    [Fact]
    public void VirtualClock_PartialRead_ClockAtTheLastByteTaken()
    {
        var line = new PacedSerialLine(921_600);

        line.Host.Write(new byte[100]);
        int n = line.Board.Read(new byte[30], 0, 30, 0);

        Assert.Equal(30, n);
        Assert.Equal(300, line.BoardClock);
    }

    [Fact]
    public async Task VirtualClock_RequestAndReply_RoundTripIsBothTransfers()
    {
        var line = new PacedSerialLine(921_600);

        await line.Host.WriteAsync(new byte[40]);
        byte[] rx = new byte[64];
        Assert.Equal(40, line.Board.Read(rx, 0, rx.Length, 1000));
        line.Board.Write(new byte[4000], 0, 4000);
        int total = 0;
        while (total < 4000)
        {
            total += await line.Host.ReadAsync(new byte[4096]);
        }

        // The reply leaves when the board has the whole request (400) and takes 40,000 bit times.
        Assert.Equal(40_400, line.HostClock);
        Assert.Equal(400, line.BoardClock);
        Assert.Equal((40L, 4000L), (line.HostToBoardBytes, line.BoardToHostBytes));
    }

    [Fact]
    public void VirtualClock_WriteAfterIdle_StartsAtTheWritersClock()
    {
        var line = new PacedSerialLine(115_200);

        line.Host.Write(new byte[10]);
        line.Board.Read(new byte[10], 0, 10, 0);
        line.Board.Write(new byte[10], 0, 10);
        Assert.Equal(10, line.Host.Read(new byte[10]));
        line.Host.Write(new byte[10]); // at the host's clock (200), the host→board wire idle since 100
        line.Board.Read(new byte[10], 0, 10, 0);

        Assert.Equal(300, line.BoardClock);
    }

    [Fact]
    public void VirtualClock_WriteLongerThanTheTransmitBuffer_WriterWaitsForTheWire()
    {
        var line = new PacedSerialLine(115_200);

        line.Host.Write(new byte[10_000]);
        long afterLong = line.HostClock;
        line.Host.Write(new byte[100]);

        // The write returns when only 4096 bytes are left for the wire (a tty driver's buffer).
        Assert.Equal((10_000 - 4096) * 10, afterLong);
        Assert.Equal(afterLong + 1000, line.HostClock); // queued behind the first: 100 more bytes to wait for
    }

    [Fact]
    public void RealTime_BytesNeverArriveBeforeTheLineRateAllows()
    {
        // 9,600 baud: 96 bytes are 100 ms of line. Only a lower bound is checked (pacing, not speed).
        var line = new PacedSerialLine(9_600, LineClockMode.RealTime);
        long before = line.BoardClock;

        line.Host.Write(new byte[96]);
        int total = 0;
        while (total < 96)
        {
            int n = line.Board.Read(new byte[96], 0, 96 - total, 5000);
            Assert.True(n > 0);
            total += n;
        }

        Assert.True(line.BoardClock - before >= 960, $"the last byte was read {line.BoardClock - before} bit times after the write");
    }

    [Fact]
    public void Seconds_ConvertsBitTimes()
    {
        var line = new PacedSerialLine(921_600);

        Assert.Equal(1.0, line.Seconds(921_600));
        Assert.Equal(92_160.0, line.BytesPerSecond);
    }

    [Fact]
    public void Closed_WritesThrowAndReadsEnd()
    {
        var line = new PacedSerialLine(115_200);
        line.Host.Write(new byte[3]);

        line.Close();

        Assert.Throws<IOException>(() => line.Board.Write(new byte[1], 0, 1));
        Assert.Equal(3, line.Board.Read(new byte[8], 0, 8, 0));
        Assert.Equal(-1, line.Board.Read(new byte[8], 0, 8, 0));
    }

    [Fact]
    public async Task HostReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        var line = new PacedSerialLine(115_200);
        using var cancel = new CancellationTokenSource();

        ValueTask<int> read = line.Host.ReadAsync(new byte[4], cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
    }
}
