using System;
using System.IO;
using Gateway.Transports.Desktop.Serial.Ports;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// Opens a host's serial port with the implementation its operating system gets — the one place that choice is made:
/// Linux the project's termios transport (<see cref="SerialPortStream"/>), macOS and Windows System.IO.Ports
/// (<see cref="PortsSerialStream"/>). <see cref="SerialSettings.Implementation"/> forces either (the <c>impl</c>
/// option of a <c>serial:</c> target), so Linux can run the System.IO.Ports one too.
/// </summary>
public static class SerialTransport
{
    /// <summary>The implementation <paramref name="requested"/> stands for on this operating system.</summary>
    public static SerialImplementation Resolve(SerialImplementation requested) => requested switch
    {
        SerialImplementation.Auto => OperatingSystem.IsLinux() ? SerialImplementation.Termios : SerialImplementation.Ports,
        SerialImplementation.Termios or SerialImplementation.Ports => requested,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "not a serial implementation"),
    };

    /// <summary>What <paramref name="implementation"/> guarantees beyond the contract on this operating system.</summary>
    public static SerialCapabilities Capabilities(SerialImplementation implementation) => Resolve(implementation) switch
    {
        SerialImplementation.Termios => SerialCapabilities.ExclusiveEvenForRoot | SerialCapabilities.SharedOpen
                                        | SerialCapabilities.SpeedReadBack | SerialCapabilities.EventDrivenWaits
                                        | SerialCapabilities.AnyBaudRate,
        // Windows opens a COM port for one handle only, whoever asks; Unix's TIOCEXCL lets root through. Windows (a DCB
        // holds any rate) and macOS (speeds are plain numbers) hand any rate to the driver; Linux gets only the Bxxx codes.
        _ => (OperatingSystem.IsWindows() ? SerialCapabilities.ExclusiveEvenForRoot : SerialCapabilities.None)
             | (OperatingSystem.IsLinux() ? SerialCapabilities.None : SerialCapabilities.AnyBaudRate),
    };

    /// <summary>Opens <paramref name="path"/> (<c>/dev/ttyUSB0</c>, <c>/dev/cu.usbserial-1410</c>, <c>COM3</c>) raw 8N1 as <paramref name="settings"/> say.</summary>
    /// <exception cref="TransportException">The port is missing, not a serial port, busy, not permitted, or the OS refused the speed.</exception>
    public static Stream Open(string path, SerialSettings? settings = null)
    {
        settings ??= new SerialSettings();
        return Resolve(settings.Implementation) == SerialImplementation.Termios
            ? SerialPortStream.Open(path, settings)
            : PortsSerialStream.Open(path, settings);
    }
}
