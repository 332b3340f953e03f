namespace Gateway.Transports.Desktop.Serial;

/// <summary>How a serial tty is configured when opened. Always raw 8N1; see hardware-docs/transports.md.</summary>
public sealed record SerialSettings
{
    /// <summary>The default line speed, 115,200 baud.</summary>
    public const int DefaultBaudRate = 115_200;

    /// <summary>
    /// Line speed in baud: any positive rate; the OS and its driver decide what they can set (a standard rate of
    /// <see cref="SerialBaudRates.Standard"/>, or any other through termios2 on Linux), and a refusal carries their reason.
    /// </summary>
    public int BaudRate { get; init; } = DefaultBaudRate;

    /// <summary>Flow control; none by default.</summary>
    public SerialFlowControl FlowControl { get; init; } = SerialFlowControl.None;

    /// <summary>
    /// Take an advisory exclusive lock (flock) on the device so a second Gateway (or any other flock-aware
    /// program, such as pyserial with exclusive=True) gets <see cref="TransportError.Busy"/>. On by default.
    /// </summary>
    public bool Exclusive { get; init; } = true;

    /// <summary>Which code drives the port; <see cref="SerialImplementation.Auto"/> (the default) lets <see cref="SerialTransport.Resolve"/> choose by OS.</summary>
    public SerialImplementation Implementation { get; init; } = SerialImplementation.Auto;
}
