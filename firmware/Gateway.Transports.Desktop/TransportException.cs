using System;
using System.IO;

namespace Gateway.Transports.Desktop;

/// <summary>
/// A transport failed: opening a device or connection, configuring it, or using it after it closed.
/// <see cref="Error"/> is the identity; the message names the path or endpoint and says what to do.
/// </summary>
public sealed class TransportException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="target">The device path or <c>host:port</c> concerned.</param>
    /// <param name="message">A sentence for people.</param>
    /// <param name="errno">The Linux errno behind it, or 0.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public TransportException(TransportError error, string target, string message, int errno = 0, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Target = target;
        Errno = errno;
    }

    /// <summary>What went wrong.</summary>
    public TransportError Error { get; }

    /// <summary>The device path (e.g. <c>/dev/ttyUSB0</c>) or endpoint (<c>host:port</c>) concerned.</summary>
    public string Target { get; }

    /// <summary>The Linux errno behind the failure, or 0 when there is none.</summary>
    public int Errno { get; }
}
