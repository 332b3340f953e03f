using System;
using System.Collections.Generic;
using System.Threading;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Devices.Hal;
using Gateway.Devices.Registers;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// The edge reader on a fake event stream: a pipe carrying <c>struct gpio_v2_line_event</c> records, several per
/// write (so several per read), into the real reader thread and on into a GPIO register file's EVENT_COUNT.
/// </summary>
public sealed unsafe class EdgeEventReaderTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly int readFd;
    private int writeFd;

    public EdgeEventReaderTests()
    {
        int* fds = stackalloc int[2];
        Assert.Equal(0, Libc.Pipe2(fds, Libc.O_CLOEXEC));
        readFd = fds[0];
        writeFd = fds[1];
    }

    public void Dispose()
    {
        CloseWriter();
        Libc.Close(readFd);
    }

    private void CloseWriter()
    {
        if (writeFd >= 0)
        {
            Libc.Close(writeFd);
            writeFd = -1;
        }
    }

    /// <summary>Line n of the chip is bank pin n − 16 (lines 16, 17 → pins 0, 1).</summary>
    private static int PinOfLine(uint line) => line is 16 or 17 ? (int)line - 16 : -1;

    private static GpioV2LineEvent Event(uint line, uint id, uint seqno, uint lineSeqno) => new()
    {
        TimestampNs = (ulong)EdgeEventReader.NowNs(),
        Id = id,
        Offset = line,
        Seqno = seqno,
        LineSeqno = lineSeqno,
    };

    /// <summary>Writes all events in one write(2): the reader gets them in one read.</summary>
    private void Send(params GpioV2LineEvent[] events)
    {
        fixed (GpioV2LineEvent* p = events)
        {
            nint n = Libc.Write(writeFd, p, (nuint)(events.Length * GpioV2LineEvent.Size));
            Assert.Equal(events.Length * GpioV2LineEvent.Size, (int)n);
        }
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the reader did not get there in time");
            Thread.Sleep(5);
        }
    }

    private const uint Rise = GpioUapi.GPIO_V2_LINE_EVENT_RISING_EDGE;
    private const uint Fall = GpioUapi.GPIO_V2_LINE_EVENT_FALLING_EDGE;

    [Fact]
    public void Reader_SeveralEventsInOneRead_HandsOnEachEdge()
    {
        var calls = new List<(uint Rising, uint Falling)>();
        using var reader = new EdgeEventReader(readFd, "test", PinOfLine, (r, f) => { lock (calls) { calls.Add((r, f)); } }, null);
        reader.Start();

        Send(Event(16, Rise, 1, 1), Event(17, Fall, 2, 1), Event(16, Fall, 3, 2), Event(16, Rise, 4, 3));
        WaitFor(() => reader.EventsRead == 4);

        lock (calls)
        {
            Assert.Equal(new[] { (1u, 0u), (0u, 2u), (0u, 1u), (1u, 0u) }, calls);
        }

        Assert.Equal(0, reader.EventsLost);
        Assert.True(reader.MaxLagNs >= 0);
    }

    [Fact]
    public void Reader_LineSeqnoGap_CountsTheDroppedEdges()
    {
        int calls = 0;
        using var reader = new EdgeEventReader(readFd, "test", PinOfLine, (r, f) => Interlocked.Increment(ref calls), null);
        reader.Start();

        // Line 16's events 2 and 3 were dropped by a full kernel FIFO: line_seqno jumps 1 → 4.
        Send(Event(16, Rise, 1, 1), Event(16, Rise, 4, 4));
        WaitFor(() => reader.EventsRead == 2);

        Assert.Equal(2, reader.EventsLost);
        Assert.Equal(4, Volatile.Read(ref calls));
    }

    [Fact]
    public void Reader_HandlerThrows_KeepsReadingAndCountsTheFailure()
    {
        int calls = 0;
        using var reader = new EdgeEventReader(readFd, "test", PinOfLine, (r, f) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
        }, null);
        reader.Start();

        Send(Event(16, Rise, 1, 1), Event(17, Rise, 2, 1));
        WaitFor(() => reader.EventsRead == 2);
        Send(Event(16, Fall, 3, 2));
        WaitFor(() => reader.EventsRead == 3);

        Assert.Equal(1, reader.HandlerFailures);
        Assert.Equal(3, Volatile.Read(ref calls));
        Assert.Null(reader.StopReason);
    }

    [Fact]
    public void Reader_FdHangsUpWithoutData_StopsInsteadOfSpinning()
    {
        using var reader = new EdgeEventReader(readFd, "test", PinOfLine, (r, f) => { }, null);
        reader.Start();

        Send(Event(16, Rise, 1, 1));
        WaitFor(() => reader.EventsRead == 1);
        CloseWriter(); // POLLHUP and no data from now on

        Assert.True(reader.WaitStopped(Guard), "the reader kept polling a dead fd");
        Assert.Contains("POLLHUP", reader.StopReason);
    }

    [Fact]
    public void Reader_IntoTheRegisterFile_EventCountCountsEveryEdge()
    {
        var bank = new EventBank();
        var region = new GpioBankRegion(bank, 0, null!);
        region.WriteWord(GpioBankRegion.RiseEnable, 0b11);
        region.WriteWord(GpioBankRegion.FallEnable, 0b11);
        using var reader = new EdgeEventReader(readFd, "test", PinOfLine, bank.Raise, null);
        reader.Start();

        // Six edges in one read: pin 0 rises, falls, rises; pin 1 falls, rises; pin 0 falls.
        Send(Event(16, Rise, 1, 1), Event(16, Fall, 2, 2), Event(16, Rise, 3, 3), Event(17, Fall, 4, 1), Event(17, Rise, 5, 2), Event(16, Fall, 6, 4));
        WaitFor(() => reader.EventsRead == 6);

        Assert.Equal(6u, region.ReadWord(GpioBankRegion.EventCount));
        Assert.Equal(0b11u, region.ReadWord(GpioBankRegion.EdgeStatus));
    }

    /// <summary>A two-pin bank whose edges come from the reader; the rest of the HAL is inert.</summary>
    private sealed class EventBank : IGpioBank
    {
        public int PinCount => 2;

        public uint PresentPins => 0b11;

        public event GpioEdgeHandler? EdgeDetected;

        public void Raise(uint rising, uint falling) => EdgeDetected?.Invoke(rising, falling);

        public uint ReadInputs() => 0;

        public void WriteOutputs(uint mask, uint values)
        {
        }

        public void SetDirections(uint mask, uint outputs)
        {
        }

        public void SetPulls(uint mask, uint pullUps, uint pullDowns)
        {
        }

        public void EnableEdges(uint risingPins, uint fallingPins)
        {
        }
    }
}
