using System;
using System.Threading;
using Gateway.Devices.Boards;
using Gateway.Devices.Hal;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;
using BuiltBoard = Gateway.Devices.Boards.Board;

namespace Gateway.Board.RaspberryPi;

/// <summary>
/// The Raspberry Pi's board: the composition every board shares (as the emulated board does) over whatever HAL
/// objects it is given — the Linux adapters in the app, the simulator in tests. BoardDefinition (boards/raspberry-pi)
/// → BoardNamespace.Build → BoardLink (desktop frame sizes, 4 sessions) → events and /fw/status, then served on
/// TCP connections (one thread each) and/or a tty.
/// </summary>
public sealed class PiBoard : IDisposable
{
    public const string BoardName = "raspberry-pi";

    /// <summary>The one /dev/mem window: bank0's register block (boards/raspberry-pi: the Gateway map, on a Pi 4 and a Pi 5 alike).</summary>
    public const ulong Bank0PhysicalBase = 0xFE200000;

    /// <summary>Link sessions and resource manager sessions (board.json limits).</summary>
    public const int Sessions = 4;

    public const int Window = 8;

    /// <summary>OCBs in the table: 64 for each session (the per-session quota, RmConfig.OcbsPerSession).</summary>
    public const int Ocbs = 256;

    /// <summary>How long a serial link waits before opening its tty again after it closed or failed.</summary>
    public const int SerialReopenDelayMs = 1000;

    private readonly ILog log;

    private PiBoard(BoardDefinition definition, BuiltBoard devices, BoardLink link, byte[] bootId, ILog log)
    {
        Definition = definition;
        Devices = devices;
        Link = link;
        BootId = bootId;
        this.log = log;
    }

    public BoardDefinition Definition { get; }

    /// <summary>The built namespace and device regions.</summary>
    public BuiltBoard Devices { get; }

    public BoardLink Link { get; }

    /// <summary>This start's boot id: a new composition is a new boot.</summary>
    public byte[] BootId { get; }

    /// <summary>The firmware version served in HELLO and /fw/info: the app's assembly version.</summary>
    public static string FirmwareVersion => typeof(PiBoard).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>The model served in HELLO and /fw/info.</summary>
    public static string ModelName(PiModel model) => model == PiModel.Pi5 ? "Raspberry Pi 5" : "Raspberry Pi 4 Model B";

    /// <summary>
    /// What the Pi serves: a 64-bit board, <paramref name="banks"/>[n] as /dev/gpio/bankN with bank0's /dev/mem window,
    /// spi0 over <paramref name="spi"/> (none when null), and the test items the options say are fitted.
    /// </summary>
    /// <exception cref="ArgumentException">No bank, or a declared test item the HAL cannot carry (loopback pins 4/5 absent, no SPI for the EEPROM).</exception>
    public static BoardDefinition CreateDefinition(PiOptions options, IGpioBank[] banks, ISpiBus? spi)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(banks);
        if (banks.Length == 0)
        {
            throw new ArgumentException("A Pi board serves at least bank0.", nameof(banks));
        }

        const uint loopbackPins = (1u << 4) | (1u << 5);
        if (options.LoopbackWire && (banks[0].PresentPins & loopbackPins) != loopbackPins)
        {
            throw new ArgumentException("The loopback wire bank0 pin 4 -> pin 5 needs both pins present in bank0.", nameof(banks));
        }

        if (options.Eeprom && spi == null)
        {
            throw new ArgumentException("The 25LC256 on SPI0 CS0 needs an SPI bus.", nameof(spi));
        }

        var definitions = new GpioBankDefinition[banks.Length];
        for (int i = 0; i < banks.Length; i++)
        {
            definitions[i] = new GpioBankDefinition("bank" + i, banks[i], i == 0 ? Bank0PhysicalBase : 0);
        }

        return new BoardDefinition
        {
            Name = BoardName,
            Model = ModelName(options.Model),
            FirmwareVersion = FirmwareVersion,
            Rm = new RmConfig { Is64Bit = true, MaxSessions = Sessions, MaxOcbs = Ocbs },
            Banks = definitions,
            Spi = spi,
            SpiDevices = options.Eeprom ? [SpiDeviceDeclaration.Eeprom25LC256(chipSelect: 0)] : [],
            Wiring = options.LoopbackWire ? [new WireDeclaration(fromBank: "bank0", fromPin: 4, toBank: "bank0", toPin: 5)] : [],
        };
    }

    /// <summary>
    /// The link's tables: 4 sessions, window 8, frames of 16 KiB plus headroom; 5 stream slots for TCP and, when the
    /// board serves a tty (<paramref name="servesTty"/>), a sixth kept for it (LineSlots: TCP cannot take it).
    /// </summary>
    public static BoardLinkConfig CreateLinkConfig(BoardDefinition definition, bool servesTty = false) => new()
    {
        Sessions = Sessions,
        LineSlots = servesTty ? 1 : 0,
        Window = Window,
        MaxBody = LinkLimits.DesktopBody,
        Crc = SystemCrc32.Instance,
        Threads = BackgroundThreads.Instance,
        BoardName = definition.Name,
        BoardModel = definition.Model,
        FirmwareVersion = definition.FirmwareVersion,
    };

    /// <summary>Builds the whole board over the given HAL objects; the key is copied (clear yours afterwards).</summary>
    public static PiBoard Compose(PiOptions options, IGpioBank[] banks, ISpiBus? spi, IClock clock, byte[] key, ILog? log = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(key);
        // The board never writes its log itself: a bounded, rate-limited ring in front (a blocked stderr cannot stall it).
        log = new RingLog(log ?? new ConsoleLog("gateway-pi"));
        BoardDefinition definition = CreateDefinition(options, banks, spi);
        BuiltBoard devices = BoardNamespace.Build(definition, clock, log);
        byte[] bootId = BootIds.Create();
        var link = new BoardLink(CreateLinkConfig(definition, options.SerialPath != null), devices.Rm, new Sha256Hmac(key), clock, log, bootId);
        devices.Events.Target = link;
        devices.Status.AddSource(new LinkStatusSource(link));
        devices.Status.AddSource(new EventStatusSource(link));
        return new PiBoard(definition, devices, link, bootId, log);
    }

    /// <summary>
    /// TCP places of the listener for the link's connection slots, which leave out the slot kept for the tty when
    /// one is served (TcpBoardListener.PlacesFor): the board, not the listener, decides which connection gets a slot
    /// (hardware-docs/link.md §10).
    /// </summary>
    public int TcpConnections() => TcpBoardListener.PlacesFor(Link.ConnectionSlots);

    /// <summary>Serves one connection on the calling thread until it closes or the board stops, then closes it; false when no slot could be had.</summary>
    public bool Serve(IByteStream stream) => Link.Serve(stream);

    /// <summary>
    /// Accepts connections until <paramref name="stop"/> is cancelled, serving each on a thread of its own; a
    /// connection is closed when its session ends.
    /// </summary>
    public void ServeTcp(TcpBoardListener listener, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(listener);
        while (!stop.IsCancellationRequested)
        {
            IByteStream? stream = listener.Accept(200, out int peer);
            if (stream == null)
            {
                continue;
            }

            var connection = new Thread(() =>
            {
                // Serve closes the connection when it returns, also when it had no slot for it; the peer is the
                // remote address, for the fair share of places (hardware-docs/link.md §10).
                Link.Serve(stream, peer);
            })
            { IsBackground = true, Name = "gateway-pi tcp" };
            connection.Start();
        }
    }

    /// <summary>
    /// Serves the tty at <paramref name="path"/> until <paramref name="stop"/> is cancelled, opening it again when it
    /// closes or hangs up (a USB gadget's host unplugged) or cannot be opened yet. Compose the board with
    /// <see cref="PiOptions.SerialPath"/> set, so the link keeps a slot for it that TCP cannot take.
    /// </summary>
    public void ServeSerial(string path, SerialSettings settings, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        while (!stop.IsCancellationRequested)
        {
            SerialByteStream? stream = null;
            try
            {
                stream = SerialByteStream.Open(path, settings);
                stream.WriteTimeoutMs = Link.OutputStallMs;
                using (stop.Register(stream.Close))
                {
                    Link.ServeLine(stream);
                }
            }
            catch (Gateway.Transports.Desktop.TransportException e)
            {
                this.log.Warn($"link: {path}: {e.Message}");
            }
            finally
            {
                stream?.Dispose();
            }

            stop.WaitHandle.WaitOne(SerialReopenDelayMs);
        }
    }

    /// <summary>Stops every stream the board serves (each is sent CLOSE).</summary>
    public void Dispose() => Link.Stop();
}
