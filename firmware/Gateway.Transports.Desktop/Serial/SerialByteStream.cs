using System;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// A serial tty as the board's <see cref="IByteStream"/> (the Raspberry Pi app, the emulated board on a pty).
/// Read returns the bytes there (at least one), 0 when <c>timeoutMs</c> passes first (negative waits forever),
/// -1 once closed here or hung up there; Write blocks until the driver has taken every byte, at most
/// <see cref="WriteTimeoutMs"/> (a peer that stopped reading cannot hold the board's writer forever).
/// </summary>
public sealed class SerialByteStream : IByteStream, IDisposable
{
    private readonly TerminalChannel channel;

    internal SerialByteStream(TerminalChannel channel) => this.channel = channel;

    /// <summary>The device path.</summary>
    public string Path => this.channel.Path;

    /// <summary>Opens <paramref name="path"/> (e.g. <c>/dev/ttyAMA0</c>, <c>/dev/ttyGS0</c>) raw with <paramref name="settings"/>.</summary>
    /// <exception cref="TransportException">The device is missing, not a tty, busy, not permitted, or refuses the speed.</exception>
    public static SerialByteStream Open(string path, SerialSettings? settings = null) =>
        new(TerminalChannel.Open(path, settings ?? new SerialSettings()));

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ValidateBufferArguments(buffer, offset, count);
        return this.channel.Read(buffer.AsSpan(offset, count), timeoutMs, default);
    }

    /// <summary>How long one Write may wait for the driver to take its bytes; negative: forever (the default).</summary>
    public int WriteTimeoutMs { get; set; } = -1;

    /// <inheritdoc />
    /// <exception cref="TransportException">The stream is closed or the other end hung up.</exception>
    /// <exception cref="TimeoutException"><see cref="WriteTimeoutMs"/> passed with bytes still unwritten.</exception>
    public void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        this.channel.Write(buffer.AsSpan(offset, count), WriteTimeoutMs, default);
    }

    /// <inheritdoc />
    public void Close() => this.channel.Dispose();

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => this.channel.Dispose();

    internal TerminalChannel Channel => this.channel;

    private static void ValidateBufferArguments(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
    }
}
