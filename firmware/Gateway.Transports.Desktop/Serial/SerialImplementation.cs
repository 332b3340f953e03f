namespace Gateway.Transports.Desktop.Serial;

/// <summary>Which code drives a host's serial port (hardware-docs/transports.md, "Which OS runs which transport").</summary>
public enum SerialImplementation
{
    /// <summary>The operating system's own choice (<see cref="SerialTransport.Resolve"/>): termios on Linux, System.IO.Ports elsewhere.</summary>
    Auto = 0,

    /// <summary>The project's termios transport (<see cref="SerialPortStream"/>); Linux only.</summary>
    Termios,

    /// <summary>System.IO.Ports (<see cref="Ports.PortsSerialStream"/>): macOS and Windows, and Linux when asked for.</summary>
    Ports,
}
