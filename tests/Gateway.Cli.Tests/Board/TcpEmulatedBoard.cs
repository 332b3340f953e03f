using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Gateway.Board.Emulated;

namespace Gateway.Cli.Tests.Board;

/// <summary>
/// The emulated board app serving TCP on a free loopback port in a thread of the test process (as
/// BoardTargetTests do): a board that outlives one gateway command, so a poke and a later peek see one board.
/// </summary>
public sealed class TcpEmulatedBoard : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Thread app;

    public TcpEmulatedBoard(params string[] extraArgs)
    {
        var output = new LineWriter();
        string[] args = ["--tcp", "127.0.0.1:0", .. extraArgs];
        app = new Thread(() => EmulatedBoardApp.Run(args, output, TextWriter.Null, stop.Token)) { IsBackground = true, Name = "tcp-emulated-board" };
        app.Start();
        Match m = Regex.Match(output.WaitFor("tcp "), @"^tcp (.+):(\d+)$");
        Assert.True(m.Success, "the emulated board did not print its TCP address");
        Port = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Port { get; }

    public string Target => $"tcp://127.0.0.1:{Port}";

    public void Dispose()
    {
        stop.Cancel();
        app.Join(10_000);
        stop.Dispose();
    }

    /// <summary>A TextWriter whose lines a test can wait for.</summary>
    public sealed class LineWriter : TextWriter
    {
        private readonly BlockingCollection<string> lines = new();
        private readonly StringBuilder current = new();
        private readonly StringBuilder all = new();

        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>Everything written so far.</summary>
        public string Text
        {
            get
            {
                lock (all)
                {
                    return all.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (all)
            {
                all.Append(value);
                if (value == '\n')
                {
                    lines.Add(current.ToString().TrimEnd('\r'));
                    current.Clear();
                }
                else
                {
                    current.Append(value);
                }
            }
        }

        /// <summary>The first line starting with <paramref name="prefix"/>; throws after 30 s without one (a hung test, not a verdict).</summary>
        public string WaitFor(string prefix)
        {
            while (lines.TryTake(out string? line, TimeSpan.FromSeconds(30)))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new TimeoutException("no line starting with " + prefix);
        }
    }
}
