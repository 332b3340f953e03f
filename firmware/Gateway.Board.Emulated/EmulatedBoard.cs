using System;
using System.IO;
using System.Threading;
using Gateway.Board.Emulated.Quirks;
using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Boards;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.InMemory;

namespace Gateway.Board.Emulated;

/// <summary>
/// The emulated board: the same board code as the ESP32 and the Pi (link, resource manager, device regions)
/// over the simulator HAL. It is the device under test of the harness and of the test suite. Serve it on any
/// byte stream (<see cref="Serve(IByteStream)"/>), an in-memory pipe (<see cref="ConnectInMemory"/>), a pseudo-terminal or
/// a TCP port (the app's Program, `gateway emulate`).
/// </summary>
public sealed class EmulatedBoard : IDisposable
{
    private static readonly NullLog Quiet = new();

    public EmulatedBoard(EmulatedBoardOptions? options = null)
    {
        Options = options ?? new EmulatedBoardOptions();
        Clock = Options.Clock ?? new SystemClock();
        // The board never writes its log itself: lines go through a bounded, rate-limited ring (RingLog).
        ILog log = Options.Log == null ? Quiet : new RingLog(Options.Log);
        Log = log;
        Hardware = new EmulatedHardware(Clock);
        var definition = Hardware.Definition(Options.Is64Bit);
        if (Options.DataRamBudget is int budget)
        {
            definition.DataRamBudget = budget;
        }

        Devices = BoardNamespace.Build(definition, Clock, log);
        if (Options.Quirks)
        {
            QuirkResources.Add(Devices);
            BoardNamespace.RebuildMap(Devices);
        }

        BootId = BootIds.Create();
        var config = Options.Link ?? BoardLinkConfig.Emulated();
        config.BoardName = definition.Name;
        config.BoardModel = definition.Model;
        config.FirmwareVersion = definition.FirmwareVersion;
        config.Kind = BoardKind.Emulated; // whatever link tables it is given, the simulator says what it is
        LinkConfig = config;
        config.Crc ??= SystemCrc32.Instance;
        config.Threads ??= BackgroundThreads.Instance;
        Link = new BoardLink(config, Devices.Rm, new BclHmac(Options.Key ?? DevelopmentKey.Create()), Clock, log, BootId);
        Devices.Events.Target = Link;
        Devices.Status.AddSource(new LinkStatusSource(Link));
        Devices.Status.AddSource(new EventStatusSource(Link));
    }

    public EmulatedBoardOptions Options { get; }

    public IClock Clock { get; }

    public EmulatedHardware Hardware { get; }

    /// <summary>The built namespace and device regions.</summary>
    public Devices.Boards.Board Devices { get; }

    public ResourceManager.ResourceManager Rm => Devices.Rm;

    /// <summary>The link's tables as this board presents them in its handshake (name, model, firmware, window, features…).</summary>
    public BoardLinkConfig LinkConfig { get; }

    /// <summary>The board's link engine.</summary>
    public BoardLink Link { get; }

    /// <summary>This start's boot id (link.md): a new board object is a new boot.</summary>
    public byte[] BootId { get; }

    /// <summary>The board's log as the board code sees it (the ring in front of <see cref="EmulatedBoardOptions.Log"/>).</summary>
    public ILog Log { get; }

    /// <summary>
    /// Serves one connection on the calling thread until it closes, is dropped or the board stops, then closes it;
    /// false (the stream closed) when no stream slot could be had (BoardLink.Serve).
    /// </summary>
    public bool Serve(IByteStream stream) => Link.Serve(stream);

    /// <summary>Serves one connection from <paramref name="peer"/> (TcpPeerId: its remote address) like <see cref="Serve(IByteStream)"/>.</summary>
    public bool Serve(IByteStream stream, int peer) => Link.Serve(stream, peer);

    /// <summary>Serves a line (a pty, a tty) on the calling thread; the line stays open (BoardLink.ServeLine).</summary>
    public bool ServeLine(IByteStream stream) => Link.ServeLine(stream);

    /// <summary>
    /// Serves a connection from <paramref name="peer"/> (or, with <paramref name="line"/>, a line) on a background
    /// thread; a connection of an unknown peer is a peer of its own (hardware-docs/link.md §10).
    /// </summary>
    public Thread ServeInBackground(IByteStream stream, string name = "emulated-board", bool line = false, int peer = BoardLink.UnknownPeer)
    {
        var t = new Thread(() =>
        {
            bool served = line ? Link.ServeLine(stream) : Link.Serve(stream, peer);
            if (!served)
            {
                // A connection is already closed by Serve; a line stays with its owner.
                Log.Warn($"{name}: no stream slot; the stream was not served");
            }
        })
        { IsBackground = true, Name = name };
        t.Start();
        return t;
    }

    /// <summary>Opens an in-memory link to the board: returns the host's end (a Stream), the board serves the other.</summary>
    public Stream ConnectInMemory()
    {
        var pipe = new InMemoryPipe();
        ServeInBackground(pipe.Board);
        return pipe.Host;
    }

    /// <summary>Stops every stream the board serves (each is sent CLOSE).</summary>
    public void Dispose() => Link.Stop();

    private sealed class NullLog : ILog
    {
        public void Info(string message)
        {
        }

        public void Warn(string message)
        {
        }
    }
}
