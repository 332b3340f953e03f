using System;
using System.IO;
using System.Net;
using System.Threading;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Board.Emulated;

/// <summary>
/// The emulated board as a program (boards/emulated): serves the full firmware stack on a pseudo-terminal
/// (printing its path), a TCP port, or both at once, for the harness's <c>pty:</c> target and for other tools. Also
/// what <c>gateway emulate</c> runs. A pty carries one host at a time; TCP takes several.
/// </summary>
public static class EmulatedBoardApp
{
    public const int DefaultTcpPort = 7447;

    public const string Usage = """
        usage: gateway-emulated [--pty] [--tcp [ADDRESS:]PORT] [--bits 32|64] [--quirks] [--key-file PATH]

          --pty            serve on a new pseudo-terminal (one host at a time); its path is printed as "pty PATH"
          --tcp ADDR:PORT  serve on TCP (several hosts at once), printed as "tcp ADDRESS:PORT"; ADDRESS defaults
                           to 127.0.0.1, the usual port is 7447; --pty and --tcp together serve both
          --bits 32|64     the board's width: preferred stat form T32_2001 or T64_2008 (default 64)
          --quirks         add the /quirks resources (for testing memory managers)
          --key-file PATH  the pre-shared key (default: the development key of boards/emulated)

        After the address, "ready" is printed; the board serves until stdin closes or it is interrupted.
        """;

    /// <summary>Parsed command line; null with <paramref name="error"/> set when it is malformed.</summary>
    public sealed record Settings(bool Pty, IPEndPoint? Tcp, bool Is64Bit, bool Quirks, string? KeyFile);

    public static Settings? Parse(string[] args, out string? error)
    {
        error = null;
        bool pty = false, quirks = false, is64 = true;
        IPEndPoint? tcp = null;
        string? keyFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? Next()
            {
                return i + 1 < args.Length ? args[++i] : null;
            }

            switch (a)
            {
                case "--pty":
                    pty = true;
                    break;
                case "--tcp":
                    string? ep = Next();
                    if (ep == null || !TryEndPoint(ep, out tcp))
                    {
                        error = $"--tcp needs [ADDRESS:]PORT, got '{ep}'";
                        return null;
                    }

                    break;
                case "--bits":
                    string? bits = Next();
                    if (bits != "32" && bits != "64")
                    {
                        error = $"--bits must be 32 or 64, got '{bits}'";
                        return null;
                    }

                    is64 = bits == "64";
                    break;
                case "--quirks":
                    quirks = true;
                    break;
                case "--key-file":
                    keyFile = Next();
                    if (keyFile == null)
                    {
                        error = "--key-file needs a path";
                        return null;
                    }

                    break;
                default:
                    error = $"unknown option '{a}'";
                    return null;
            }
        }

        if (!pty && tcp == null)
        {
            error = "give --pty, --tcp [ADDRESS:]PORT, or both";
            return null;
        }

        return new Settings(pty, tcp, is64, quirks, keyFile);
    }

    private static bool TryEndPoint(string text, out IPEndPoint? ep)
    {
        ep = null;
        string host = "127.0.0.1";
        string port = text;
        int colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!IPAddress.TryParse(host, out var address) || !int.TryParse(port, out int p) || p < 0 || p > 65535)
        {
            return false;
        }

        ep = new IPEndPoint(address, p);
        return true;
    }

    /// <summary>Runs the board until <paramref name="stop"/> is cancelled. Returns the exit code (0, or 2 for bad usage).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors, CancellationToken stop)
    {
        var settings = Parse(args, out string? error);
        if (settings == null)
        {
            errors.WriteLine($"gateway-emulated: {error}");
            errors.WriteLine(Usage);
            return 2;
        }

        byte[]? key = null;
        if (settings.KeyFile != null && !KeyFile.TryLoad(settings.KeyFile, requirePrivate: false, out key, out string? keyError))
        {
            errors.WriteLine($"gateway-emulated: {keyError}");
            return 2;
        }

        // Serving the pty beside TCP keeps a slot for the pty that connections cannot take (hardware-docs/link.md §10).
        var link = BoardLinkConfig.Emulated();
        link.LineSlots = settings.Pty && settings.Tcp != null ? 1 : 0;
        using var board = new EmulatedBoard(new EmulatedBoardOptions { Is64Bit = settings.Is64Bit, Quirks = settings.Quirks, Key = key, Log = new ConsoleLog(), Link = link });
        using var stopped = stop.Register(board.Dispose);
        using PseudoTerminal? pty = settings.Pty ? PseudoTerminal.Open(holdSlaveOpen: true) : null;

        // The board decides who gets a slot (evicting an unauthenticated connection when full, by peer share and
        // grace); the listener's bound only covers a newcomer per promised slot (hardware-docs/transports.md).
        using TcpBoardListener? listener = settings.Tcp == null
            ? null
            : new TcpBoardListener(settings.Tcp, maxConnections: TcpBoardListener.PlacesFor(board.Link.ConnectionSlots));
        if (pty != null)
        {
            if (pty.Master is SerialByteStream master)
            {
                // A host that stops reading cannot hold the board's writer longer than the link's stall deadline.
                master.WriteTimeoutMs = board.Link.OutputStallMs;
            }

            output.WriteLine($"pty {pty.SlavePath}");
        }

        if (listener != null)
        {
            output.WriteLine($"tcp {listener.LocalEndPoint}");
        }

        output.WriteLine("ready");
        output.Flush();
        if (pty == null)
        {
            AcceptTcp(board, listener!, stop);
            return 0;
        }

        if (listener == null)
        {
            ServePty(board, pty, stop);
            return 0;
        }

        var ptyServer = new Thread(() => ServePty(board, pty, stop)) { IsBackground = true, Name = "emulated-pty" };
        ptyServer.Start();
        AcceptTcp(board, listener, stop);
        ptyServer.Join();
        return 0;
    }

    /// <summary>Serves the pty's one line until stopped; a host that hangs up leaves it free for the next.</summary>
    private static void ServePty(EmulatedBoard board, PseudoTerminal pty, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!board.ServeLine(pty.Master))
            {
                stop.WaitHandle.WaitOne(100); // the last writer is still ending: try again shortly
            }
        }
    }

    /// <summary>Accepts TCP connections until stopped, each served on its own thread.</summary>
    private static void AcceptTcp(EmulatedBoard board, TcpBoardListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var stream = listener.Accept(200, out int peer);
            if (stream != null)
            {
                board.ServeInBackground(stream, "emulated-tcp", peer: peer);
            }
        }
    }
}
