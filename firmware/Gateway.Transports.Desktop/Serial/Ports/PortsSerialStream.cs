using System;
using System.IO;
using System.IO.Ports;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Transports.Desktop.Interop.Unix;
using Gateway.Transports.Desktop.Streams;

namespace Gateway.Transports.Desktop.Serial.Ports;

/// <summary>
/// A serial port through System.IO.Ports as the host's <see cref="Stream"/>, keeping the contract of the termios
/// <see cref="SerialPortStream"/>: raw 8N1, reads return what has arrived (at least one byte), 0 at end of stream
/// (closed here, or the port hung up), <see cref="TimeoutException"/> when <see cref="ReadTimeout"/> passes —
/// async reads included — and cancellation that loses no byte.
/// <para>
/// System.IO.Ports completes a cancelled or timed-out read after read(2) may already have taken bytes, which are
/// then lost. So this stream never cancels a port read: it keeps one read of its own outstanding into
/// <see cref="readAhead"/>, and timeouts and tokens end only the caller's wait for it; the next read collects it.
/// A read that fails (the port hung up, the adapter went away) is end of stream from then on, and writes after it
/// throw <see cref="TransportError.Closed"/> — System.IO.Ports stops serving the port after such an error.
/// </para>
/// </summary>
public sealed class PortsSerialStream : UnseekableStream
{
    private const int ReadAheadSize = 16 * 1024;

    private readonly SerialPort port;
    private readonly Stream baseStream;
    private readonly byte[] readAhead = new byte[ReadAheadSize];
    private readonly SemaphoreSlim readGate = new(1, 1);
    private Task<int>? pending;
    private int start;
    private int end;
    private int readTimeout = Timeout.Infinite;
    private int writeTimeout = Timeout.Infinite;
    private volatile bool ended;
    private int closed;

    private PortsSerialStream(SerialPort port, string path)
    {
        this.port = port;
        baseStream = port.BaseStream;
        Path = path;
    }

    /// <summary>The port's name or path (<c>COM3</c>, <c>/dev/cu.usbserial-1410</c>, <c>/dev/ttyUSB0</c>).</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> raw 8N1 with <paramref name="settings"/>; DTR and RTS raised as a Unix open does.</summary>
    /// <exception cref="TransportException">The port is missing, not a serial port, busy, not permitted, or the OS refused the speed.</exception>
    /// <exception cref="ArgumentException"><see cref="SerialSettings.Exclusive"/> is false: System.IO.Ports opens every port exclusively.</exception>
    public static PortsSerialStream Open(string path, SerialSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        settings ??= new SerialSettings();
        if (!settings.Exclusive)
        {
            throw new ArgumentException(
                "System.IO.Ports always asks for a port exclusively; it cannot open one shared (SerialCapabilities.SharedOpen).", nameof(settings));
        }
        if (!SerialBaudRates.IsValid(settings.BaudRate))
        {
            throw new TransportException(TransportError.UnsupportedBaudRate, path,
                $"Cannot open '{path}' at {settings.BaudRate} baud: a line speed is a positive number of baud.");
        }
        if (OperatingSystem.IsLinux() && !SerialBaudRates.IsStandard(settings.BaudRate))
        {
            // System.IO.Ports maps a rate without a Bxxx code to B0 on Linux, which hangs the line up instead of failing.
            throw new TransportException(TransportError.UnsupportedBaudRate, path,
                $"Cannot open '{path}' at {settings.BaudRate} baud with System.IO.Ports on Linux: it sets only the standard rates "
                + $"({string.Join(", ", SerialBaudRates.Standard)}); the termios transport (impl=termios, the default here) sets any rate.");
        }

        try
        {
            return new PortsSerialStream(OpenPort(path, settings, modemLines: true), path);
        }
        catch (IOException e) when (!OperatingSystem.IsWindows() && e.HResult == Errno.ENOTTY)
        {
            // A tty without modem-control lines (a pty) refuses TIOCMSET: open it without touching DTR and RTS.
        }
        return new PortsSerialStream(OpenPort(path, settings, modemLines: false), path);
    }

    /// <summary>
    /// Opens the port; with <paramref name="modemLines"/>, DTR and RTS are raised as a Unix open leaves them (System.IO.Ports
    /// would lower both: boards that wait for DTR, USB CDC ones, then stay silent, and auto-reset circuits see a pulse).
    /// IOExceptions other than ENOTTY become <see cref="TransportException"/>; ENOTTY is left to the caller's retry.
    /// </summary>
    private static SerialPort OpenPort(string path, SerialSettings settings, bool modemLines)
    {
        var port = new SerialPort(path, settings.BaudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = settings.FlowControl switch
            {
                SerialFlowControl.RtsCts => Handshake.RequestToSend,
                SerialFlowControl.XonXoff => Handshake.XOnXOff,
                _ => Handshake.None,
            },
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
            DiscardNull = false,
            DtrEnable = modemLines,
        };
        if (modemLines && settings.FlowControl != SerialFlowControl.RtsCts)
        {
            port.RtsEnable = true; // with RTS/CTS the driver owns RTS
        }

        try
        {
            port.Open();
            // Bytes that arrived before the line was configured are noise from another speed or owner.
            port.DiscardInBuffer();
            return port;
        }
        catch (IOException e) when (modemLines && !OperatingSystem.IsWindows() && e.HResult == Errno.ENOTTY)
        {
            port.Dispose();
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw PortsErrors.OnOpen(e, path, settings.BaudRate);
        }
    }

    /// <inheritdoc />
    public override bool CanRead => !IsClosed;

    /// <inheritdoc />
    public override bool CanWrite => !IsClosed;

    /// <inheritdoc />
    public override bool CanTimeout => true;

    /// <summary>Milliseconds a read waits for its first byte; <see cref="Timeout.Infinite"/> (the default) waits forever. Applies to async reads too.</summary>
    public override int ReadTimeout
    {
        get => readTimeout;
        set => readTimeout = CheckTimeout(value);
    }

    /// <summary>Milliseconds a write waits for the driver to take its bytes; <see cref="Timeout.Infinite"/> by default.</summary>
    public override int WriteTimeout
    {
        get => writeTimeout;
        set
        {
            writeTimeout = CheckTimeout(value);
            // Sync writes time out in System.IO.Ports itself, on every OS; it takes no 0 (1 ms is the nearest).
            this.port.WriteTimeout = value == 0 ? 1 : value;
        }
    }

    private bool IsClosed => Volatile.Read(ref closed) != 0;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        readGate.Wait();
        try
        {
            if (TryTake(buffer, out int n, out Task<int>? pending))
            {
                return n;
            }
            if (Task.WaitAny(new Task[] { pending! }, readTimeout) < 0)
            {
                throw ReadTimedOut();
            }
            return Collect(buffer);
        }
        finally
        {
            readGate.Release();
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (buffer.IsEmpty)
        {
            return 0;
        }
        await readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryTake(buffer.Span, out int n, out Task<int>? pending))
            {
                return n;
            }
            if (!pending!.IsCompleted)
            {
                TimeSpan timeout = readTimeout == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(readTimeout);
                try
                {
                    await pending.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (pending.IsCompleted)
                {
                    // The port's read itself ended (failed): Collect turns that into end of stream.
                }
                catch (TimeoutException)
                {
                    throw ReadTimedOut();
                }
            }
            return Collect(buffer.Span);
        }
        finally
        {
            readGate.Release();
        }
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfEnded();
        if (buffer.IsEmpty)
        {
            return;
        }
        try
        {
            baseStream.Write(buffer);
        }
        catch (TimeoutException)
        {
            throw WriteTimedOut();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw Ended(e);
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfEnded();
        if (buffer.IsEmpty)
        {
            return;
        }
        using var timeout = writeTimeout == Timeout.Infinite ? null : new CancellationTokenSource(writeTimeout);
        using var linked = timeout == null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await baseStream.WriteAsync(buffer, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout is { IsCancellationRequested: true })
        {
            throw WriteTimedOut();
        }
        catch (TimeoutException)
        {
            throw WriteTimedOut();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw Ended(e);
        }
    }

    /// <summary>Does nothing: a write returns when the driver has taken its bytes.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref closed, 1) == 0)
        {
            ended = true;
            // Closing the port completes the outstanding read (with an error, observed below) and frees its thread.
            try
            {
                this.port.Dispose();
            }
            catch (IOException)
            {
                // A port that already hung up may fail to close cleanly; it is closed all the same.
            }
            this.pending?.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Under the read gate: copies what the read-ahead holds (<paramref name="n"/>, true), or reports end of stream
    /// (0, true), or returns the outstanding port read to wait for (false).
    /// </summary>
    private bool TryTake(Span<byte> buffer, out int n, out Task<int>? pending)
    {
        pending = null;
        if (start < end)
        {
            n = Math.Min(buffer.Length, end - start);
            readAhead.AsSpan(start, n).CopyTo(buffer);
            start += n;
            return true;
        }
        n = 0;
        if (ended)
        {
            return true;
        }
        pending = this.pending ??= StartRead();
        return false;
    }

    /// <summary>Under the read gate, once the outstanding read has completed: takes its bytes, or ends the stream.</summary>
    private int Collect(Span<byte> buffer)
    {
        Task<int> done = this.pending!;
        this.pending = null;
        int got = done.IsCompletedSuccessfully ? done.Result : 0;
        if (!done.IsCompletedSuccessfully)
        {
            _ = done.Exception; // observed: a failed read is the end of the stream
        }
        if (got <= 0)
        {
            ended = true;
            return 0;
        }
        start = 0;
        end = got;
        TryTake(buffer, out int n, out _);
        return n;
    }

    private Task<int> StartRead()
    {
        try
        {
            return baseStream.ReadAsync(readAhead, 0, readAhead.Length, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return Task.FromException<int>(e);
        }
    }

    private void ThrowIfEnded()
    {
        if (ended)
        {
            throw new TransportException(TransportError.Closed, Path,
                IsClosed ? $"'{Path}' is closed." : $"'{Path}' hung up (the other end closed or the adapter went away).");
        }
    }

    private TransportException Ended(Exception e)
    {
        bool closedHere = IsClosed;
        ended = true;
        return new TransportException(TransportError.Closed, Path,
            closedHere ? $"'{Path}' is closed." : $"'{Path}' hung up (the other end closed or the adapter went away): {e.Message}", 0, e);
    }

    private TimeoutException ReadTimedOut() => new($"No data from '{Path}' within {readTimeout} ms.");

    private TimeoutException WriteTimedOut() => new($"Writing to '{Path}' timed out after {writeTimeout} ms.");

    private static int CheckTimeout(int value)
    {
        if (value < 0 && value != Timeout.Infinite)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout is a positive number of milliseconds or Timeout.Infinite.");
        }
        return value;
    }
}
