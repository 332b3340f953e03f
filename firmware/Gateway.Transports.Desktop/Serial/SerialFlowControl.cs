namespace Gateway.Transports.Desktop.Serial;

/// <summary>Flow control on a serial line. The link runs without any unless a board's wiring asks for it.</summary>
public enum SerialFlowControl
{
    /// <summary>No flow control (CRTSCTS, IXON and IXOFF clear). The default.</summary>
    None = 0,

    /// <summary>Hardware flow control on the RTS/CTS lines (CRTSCTS).</summary>
    RtsCts,

    /// <summary>
    /// Software flow control (IXON|IXOFF with DC1 0x11 / DC3 0x13). The driver then consumes those two byte values,
    /// so a binary link that can carry them (the COBS frames can) must not use it; kept for consoles.
    /// </summary>
    XonXoff,
}
