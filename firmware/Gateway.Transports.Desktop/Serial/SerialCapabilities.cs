using System;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// What a serial implementation guarantees beyond the transport contract every one keeps. The contract tests
/// check each capability where it is claimed and the documented behaviour where it is not, so a difference is
/// named, never skipped (hardware-docs/transports.md, "Two serial implementations").
/// </summary>
[Flags]
public enum SerialCapabilities
{
    /// <summary>Nothing beyond the contract.</summary>
    None = 0,

    /// <summary>
    /// A second open of a port it holds fails with <see cref="TransportError.Busy"/> for every user, root included
    /// (termios: flock). System.IO.Ports on Unix uses TIOCEXCL, which root passes; on Windows ports are exclusive for all.
    /// </summary>
    ExclusiveEvenForRoot = 1,

    /// <summary>A port may be opened shared (<see cref="SerialSettings.Exclusive"/> = false).</summary>
    SharedOpen = 2,

    /// <summary>The line speed is read back from the driver after it is set; a speed the driver did not keep is refused.</summary>
    SpeedReadBack = 4,

    /// <summary>
    /// Waits end when the data arrives (poll on the tty and a wake-up descriptor), with no polling interval: a
    /// round trip costs microseconds. System.IO.Ports on Unix checks its queues every millisecond.
    /// </summary>
    EventDrivenWaits = 8,

    /// <summary>
    /// Any positive rate is handed to the OS, not only the standard ones (termios: termios2 with BOTHER). System.IO.Ports
    /// on Linux sets only rates with a <c>Bxxx</c> code, so the others are refused before opening.
    /// </summary>
    AnyBaudRate = 16,
}
