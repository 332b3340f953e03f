using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Desktop.Paced;

/// <summary>
/// An in-memory serial line that delivers bytes at a line rate in each direction, as a UART at <see cref="Baud"/>
/// with 8N1 framing (<see cref="BitsPerByte"/> = 10 bit times a byte) would: the throughput of the link can be
/// measured without hardware. Like <see cref="InMemory.InMemoryPipe"/>, the host's end is a <see cref="Stream"/> and
/// the board's an <see cref="IByteStream"/>.
/// <para>
/// Each direction is one wire: a write starts when the wire is free and the writer's clock reaches it, and its
/// <c>k</c>-th byte arrives <c>(k + 1) × 10</c> bit times later. Time is counted in bit times (1 / baud s) so every
/// arrival is an exact integer. Each end has its own clock (<see cref="LineClockMode"/>); a read returns bytes of
/// one write at most (a writer's pause ends a read, as a UART's idle line does), and moves the reader's clock to the
/// arrival of the last byte it took.
/// </para>
/// <para>
/// A write returns once no more than <see cref="TransmitBuffer"/> of its bytes are still waiting for the wire, as
/// a write to a tty returns once the driver holds the rest (Linux's serial transmit buffer is one 4 KiB page): in
/// real time the writer blocks until then, on the other clocks its clock moves there.
/// </para>
/// </summary>
public sealed class PacedSerialLine
{
    private readonly long origin = Stopwatch.GetTimestamp();
    private readonly PacedDirection hostToBoard;
    private readonly PacedDirection boardToHost;
    private readonly EndpointClock hostClock;
    private readonly EndpointClock boardClock;

    /// <param name="baud">The line rate in bits per second (e.g. 115,200, 921,600 or 3,000,000).</param>
    /// <param name="mode">How the ends keep time (<see cref="LineClockMode.Virtual"/>: deterministic).</param>
    /// <param name="bitsPerByte">Bit times a byte occupies: 10 for 8N1 (start, 8 data, stop).</param>
    /// <param name="transmitBuffer">Bytes a writer may leave queued when its write returns (the driver's buffer).</param>
    public PacedSerialLine(int baud, LineClockMode mode = LineClockMode.Virtual, int bitsPerByte = 10, int transmitBuffer = DefaultTransmitBuffer)
    {
        if (transmitBuffer < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(transmitBuffer), "the transmit buffer cannot be negative");
        }

        if (baud <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baud), "the baud rate must be positive");
        }

        if (bitsPerByte < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsPerByte), "a byte takes at least 8 bit times");
        }

        Baud = baud;
        Mode = mode;
        BitsPerByte = bitsPerByte;
        TransmitBuffer = transmitBuffer;
        hostClock = new EndpointClock(this);
        boardClock = new EndpointClock(this);
        hostToBoard = new PacedDirection(this);
        boardToHost = new PacedDirection(this);
        Host = new HostEnd(this);
        Board = new BoardEnd(this);
    }

    /// <summary>Linux's serial transmit buffer: one page.</summary>
    public const int DefaultTransmitBuffer = 4096;

    public int Baud { get; }

    /// <summary>Bytes a write may leave waiting for the wire when it returns.</summary>
    public int TransmitBuffer { get; }

    public int BitsPerByte { get; }

    public LineClockMode Mode { get; }

    /// <summary>The most payload a direction carries: baud / 10 bytes a second for 8N1.</summary>
    public double BytesPerSecond => (double)Baud / BitsPerByte;

    /// <summary>The host's end.</summary>
    public Stream Host { get; }

    /// <summary>The board's end.</summary>
    public IByteStream Board { get; }

    /// <summary>Bytes the host has written onto the line.</summary>
    public long HostToBoardBytes => hostToBoard.Bytes;

    /// <summary>Bytes the board has written onto the line.</summary>
    public long BoardToHostBytes => boardToHost.Bytes;

    /// <summary>The host's clock in bit times (see <see cref="Seconds"/>).</summary>
    public long HostClock => hostClock.Now;

    /// <summary>The board's clock in bit times.</summary>
    public long BoardClock => boardClock.Now;

    /// <summary>Bit times as seconds.</summary>
    public double Seconds(long bitTimes) => (double)bitTimes / Baud;

    /// <summary>Closes both directions (the cable pulled): readers drain what was sent, then see the end; writes throw.</summary>
    public void Close()
    {
        hostToBoard.Complete();
        boardToHost.Complete();
    }

    /// <summary>Wall-clock bit times since the line was made.</summary>
    internal long WallBits() => (long)((Int128)(Stopwatch.GetTimestamp() - origin) * Baud / Stopwatch.Frequency);

    /// <summary>Milliseconds (rounded up, at least 1) for <paramref name="bits"/> bit times.</summary>
    internal int Milliseconds(long bits)
    {
        Int128 ms = (((Int128)bits * 1000) + Baud - 1) / Baud;
        return ms < 1 ? 1 : ms > int.MaxValue ? int.MaxValue : (int)ms;
    }

    /// <summary>One end's clock: a virtual count, or the wall clock plus an offset that skips waits for the line.</summary>
    internal sealed class EndpointClock(PacedSerialLine line)
    {
        private readonly object gate = new();
        private long offset;

        public long Now
        {
            get
            {
                lock (gate)
                {
                    return line.Mode == LineClockMode.Virtual ? offset : line.WallBits() + offset;
                }
            }
        }

        /// <summary>
        /// The end cannot go on before <paramref name="time"/> (its write is still filling the transmit buffer): a
        /// real-time writer sleeps until then, on the other clocks the end's clock moves there.
        /// </summary>
        public void WaitUntil(long time)
        {
            if (line.Mode != LineClockMode.RealTime)
            {
                Reached(time);
                return;
            }

            while (true)
            {
                long left = time - Now;
                if (left <= 0)
                {
                    return;
                }

                Thread.Sleep(line.Milliseconds(left));
            }
        }

        /// <summary>The end has taken a byte that arrived at <paramref name="arrival"/>: it cannot be earlier than that.</summary>
        public void Reached(long arrival)
        {
            if (line.Mode == LineClockMode.RealTime)
            {
                return; // a real-time reader waited for its bytes
            }

            lock (gate)
            {
                long now = line.Mode == LineClockMode.Virtual ? offset : line.WallBits() + offset;
                if (arrival > now)
                {
                    offset += arrival - now;
                }
            }
        }
    }

    private sealed class BoardEnd(PacedSerialLine line) : IByteStream
    {
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) =>
            line.hostToBoard.Read(buffer.AsSpan(offset, count), line.boardClock, timeoutMs);

        public void Write(byte[] buffer, int offset, int count) =>
            line.boardToHost.Write(buffer.AsSpan(offset, count), line.boardClock);

        public void Close() => line.Close();
    }

    private sealed class HostEnd(PacedSerialLine line) : Streams.HostEndStream
    {
        protected override int ReadSome(Span<byte> buffer)
        {
            int n = line.boardToHost.Read(buffer, line.hostClock, Timeout.Infinite);
            return n < 0 ? 0 : n;
        }

        protected override ValueTask<int> ReadSomeAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
            line.boardToHost.ReadAsync(buffer, line.hostClock, cancellationToken);

        protected override void WriteAll(ReadOnlySpan<byte> buffer) => line.hostToBoard.Write(buffer, line.hostClock);

        protected override void ClosePipe() => line.Close();
    }
}
