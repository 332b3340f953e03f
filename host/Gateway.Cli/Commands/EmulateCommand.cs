using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway emulate</c>: the emulated board (boards/emulated) served on a pseudo-terminal, a TCP port, or both, for
/// other tools, until Ctrl-C (or, with <c>--stop-on-eof</c>, until standard input closes). It prints <c>pty PATH</c>
/// and/or <c>tcp ADDRESS:PORT</c>, each followed by the full command that connects to it (the development key by
/// name, <c>--dev-key</c>, unless a key file was given), then <c>ready</c>.
/// </summary>
public static class EmulateCommand
{
    public static Command Create(CliConsole console)
    {
        var pty = new Option<bool>("--pty") { Description = "Serve on a new pseudo-terminal; its path is printed as 'pty PATH' with the command to connect (--target serial:PATH). A pty takes one client at a time." };
        var tcp = new Option<string?>("--tcp")
        {
            Description = $"Serve on TCP at [ADDRESS:]PORT (port 0: any free port); printed as 'tcp ADDRESS:PORT' with the command to connect (--target tcp://ADDRESS:PORT). TCP takes several clients at once. The usual port is {EmulatedBoardApp.DefaultTcpPort}; with --pty, both are served.",
            HelpName = "ADDR:PORT",
        };
        var bits = new Option<string>("--bits")
        {
            Description = "The board's width: 64 (preferred stat form T64_2008) or 32 (T32_2001).",
            HelpName = "32|64",
            DefaultValueFactory = _ => "64",
        };
        bits.AcceptOnlyFromAmong("32", "64");
        var quirks = new Option<bool>("--quirks") { Description = "Add the /quirks resources (non-conforming and old servers, for testing memory managers)." };
        var keyFile = new Option<string?>("--key-file")
        {
            Description = "The board's pre-shared key file. Default: the development key of boards/emulated (clients connect with --dev-key).",
            HelpName = "PATH",
        };
        var stopOnEof = new Option<bool>("--stop-on-eof")
        {
            Description = "Also stop when standard input reaches its end (for a parent process that owns the board through a pipe).",
        };
        var command = new Command("emulate", "Run the emulated board on a pseudo-terminal, a TCP port or both until Ctrl-C, for other tools and other gateway commands; prints the command that connects to each.")
        {
            pty, tcp, bits, quirks, keyFile, stopOnEof,
        };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(pty) && result.GetValue(tcp) == null)
            {
                result.AddError("give --pty, --tcp ADDR:PORT, or both");
            }
        });
        command.SetAction((parse, cancellation) =>
        {
            var args = new List<string>();
            if (parse.GetValue(pty))
            {
                args.Add("--pty");
            }

            if (parse.GetValue(tcp) is { } endPoint)
            {
                args.Add("--tcp");
                args.Add(endPoint);
            }

            args.Add("--bits");
            args.Add(parse.GetValue(bits)!);
            if (parse.GetValue(quirks))
            {
                args.Add("--quirks");
            }

            if (parse.GetValue(keyFile) is { } key)
            {
                args.Add("--key-file");
                args.Add(key);
            }

            string? keyPath = parse.GetValue(keyFile);
            return RunAsync(console, args.ToArray(), keyPath == null ? null : Path.GetFullPath(keyPath), parse.GetValue(stopOnEof), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string[] args, string? keyFile, bool stopOnEof, CancellationToken cancellation)
    {
        if (EmulatedBoardApp.Parse(args, out string? error) == null)
        {
            return console.Fail("emulate", error ?? "bad options", ExitCode.Usage);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (stopOnEof)
        {
            _ = Task.Run(() => WaitForEndOfInput(console.In, stop), CancellationToken.None);
        }

        // The board serves on this thread until stopped; the app prints its address and 'ready'.
        var output = new ConnectHintWriter(console.Out, keyFile);
        var errors = new PrefixWriter(console.Error);
        try
        {
            return await Task.Factory.StartNew(
                () => EmulatedBoardApp.Run(args, output, errors, stop.Token),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            return console.Fail("emulate", e.Message, ExitCode.Usage);
        }
    }

    private static void WaitForEndOfInput(TextReader input, CancellationTokenSource stop)
    {
        try
        {
            while (input.Read() >= 0)
            {
            }
        }
        catch (IOException)
        {
        }

        stop.Cancel();
    }

    /// <summary>
    /// The command that connects to an address the board printed (<c>pty PATH</c>, <c>tcp ADDRESS:PORT</c>), or null
    /// for another line. The development key goes by name (<c>--dev-key</c>) unless the board was given a key file.
    /// </summary>
    internal static string? ConnectHint(string line, string? keyFile)
    {
        string key = keyFile == null ? "--dev-key" : "--key-file " + keyFile;
        if (line.StartsWith("pty ", StringComparison.Ordinal))
        {
            return $"  connect: gateway probe --target serial:{line[4..]} {key}   (a pty takes one client at a time: run commands one after another, or use TCP)";
        }

        if (line.StartsWith("tcp ", StringComparison.Ordinal))
        {
            return $"  connect: gateway probe --target tcp://{line[4..]} {key}   (TCP takes several clients at once: a watch in one terminal, pokes in another)";
        }

        return null;
    }

    /// <summary>
    /// Standard output with, after each address the board prints, the command that connects to it; flushes every
    /// line, so a parent reading our standard output sees the address at once.
    /// </summary>
    private sealed class ConnectHintWriter(TextWriter inner, string? keyFile) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value != null && ConnectHint(value, keyFile) is { } hint)
            {
                inner.WriteLine(hint);
            }

            inner.Flush();
        }

        public override void Flush() => inner.Flush();
    }

    /// <summary>Standard error with the app's own usage errors turned into gateway's form.</summary>
    private sealed class PrefixWriter(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void WriteLine(string? value) =>
            inner.WriteLine(value != null && value.StartsWith("gateway-emulated: ", StringComparison.Ordinal) ? "gateway emulate: error: " + value["gateway-emulated: ".Length..] : value);
    }
}
