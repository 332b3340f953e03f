using System;
using System.Globalization;

namespace Gateway.Host.Link;

/// <summary>
/// The board did not complete the handshake in the attempts allowed. It says what came back meanwhile, because
/// that tells the likely causes apart: nothing at all (no firmware running, the wrong port), bytes that never
/// formed a frame (a line speed that differs from the firmware's, another program on the line), or frames that
/// did not answer this host's HELLO.
/// </summary>
public sealed class LinkHandshakeTimeoutException : TimeoutException
{
    public LinkHandshakeTimeoutException(int attempts, long bytesReceived, long framesReceived, long framesDropped)
        : base(Describe(attempts, bytesReceived, framesReceived, framesDropped))
    {
        Attempts = attempts;
        BytesReceived = bytesReceived;
        FramesReceived = framesReceived;
        FramesDropped = framesDropped;
    }

    /// <summary>How many HELLOs were sent.</summary>
    public int Attempts { get; }

    /// <summary>Bytes that came back, frames or not.</summary>
    public long BytesReceived { get; }

    /// <summary>Whole frames that came back (none of them the awaited answer).</summary>
    public long FramesReceived { get; }

    /// <summary>Frames the decoder dropped as damaged (CRC, COBS, size).</summary>
    public long FramesDropped { get; }

    private static string Describe(int attempts, long bytes, long frames, long dropped)
    {
        string what = bytes == 0
            ? "nothing came back"
            : frames == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes came back but not one frame ({dropped} damaged)")
                : string.Create(CultureInfo.InvariantCulture, $"{frames} frames came back, none an answer to this host's HELLO");
        return string.Create(CultureInfo.InvariantCulture, $"the board did not complete the handshake in {attempts} attempts: {what}");
    }
}
