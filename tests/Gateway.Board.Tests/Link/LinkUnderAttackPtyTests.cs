using System;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Link;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Xunit;

namespace Gateway.Board.Tests.Link;

/// <summary>
/// Issue 13 over a real pseudo-terminal, as <c>gateway emulate --pty</c> serves it: the board on the master as a
/// line (served again whenever its serve loop returns), peers on the slave. A pty is one stream, so the attacks
/// are those one stream allows: a peer that never reads, a half frame, stderr on a pipe nobody reads — each
/// followed by a keyed host on the same pty, while a second host on an in-memory link keeps its session going.
/// Asserts are on outcomes with generous deadlines, never on measured times.
/// </summary>
public sealed class LinkUnderAttackPtyTests : IDisposable
{
    // Refused frames carry this seq: a refusal still in the pty when the keyed host starts matches none of its
    // attempts (HELLO_REPLY is matched by attempt) and is ignored.
    private const uint StrayAttempt = 0x7777;

    private readonly PseudoTerminal pty;
    private EmulatedBoard? board;
    private Thread? server;
    private volatile bool stopping;

    public LinkUnderAttackPtyTests()
    {
        pty = PseudoTerminal.Open(holdSlaveOpen: true);
    }

    public void Dispose()
    {
        stopping = true;
        board?.Dispose();
        server?.Join(10_000);
        pty.Dispose();
    }

    [Fact]
    public async Task Pty_PeerThatNeverReads_LineDroppedAtTheStallDeadline_OthersKeepGoing_KeyedHostGetsInAfter()
    {
        // Findings 3 and 6: a pty host that stopped reading froze the engine for 14 s+.
        var b = Start(new EmulatedBoardOptions { Link = Config() });
        await using var victim = await LinkClient.ConnectAsync(b.ConnectInMemory(), Options());
        Assert.False((await victim.DeclareAsync(10, new CredInfo(), true)).IsError);

        var attacker = SerialPortStream.Open(pty.SlavePath);
        byte[] hellos = BadHellos(2000);
        // A thread of its own: its writes block on the unread pty for the whole attack, and a blocked pool thread
        // would slow the victim's continuations this test asserts on.
        var flood = Task.Factory.StartNew(() =>
        {
            try
            {
                while (!stopping)
                {
                    attacker.Write(hellos, 0, hellos.Length); // never reads a byte
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The port was closed under the write: the attack is over.
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            // The other host's round trips all complete while the pty's writer is stuck, and the line is dropped.
            var all = Task.Run(async () =>
            {
                for (int i = 0; i < 40; i++)
                {
                    await victim.SendAsync(99, 0, new byte[4]); // an undeclared pid: EPERM, one round trip
                }
            });
            Assert.True(await Task.WhenAny(all, Task.Delay(15_000)) == all, "round trips stalled behind a pty that is not read");
            await all;
            await Poll.UntilAsync(() => b.Link.Counters.Get(LinkCounter.StreamsStalled) >= 1, 15_000, "the unread line was never dropped");
        }
        finally
        {
            attacker.Dispose();
            await flood;
        }

        await AssertKeyedHostGetsInAsync(b);
    }

    [Fact]
    public async Task Pty_HalfFramePeer_FrameExpires_KeyedHostGetsIn()
    {
        // Finding 1 on a line: a frame that never ends must not hold the line; it expires once the line is idle.
        // The peer stays open until then: had it closed first, a board slow to read (a loaded machine) could see the
        // hang-up instead and drop the half frame with the line, so nothing would have expired.
        var b = Start(new EmulatedBoardOptions { Link = Config() });
        byte[] half = HalfFrame();
        using (var peer = SerialPortStream.Open(pty.SlavePath))
        {
            peer.Write(half);
            peer.Flush();
            // Waiting for the expiry (not only for the board to have read the bytes) also covers the keyed host's
            // open, which drops what the pty still holds: the half frame is gone from the line by then.
            await Poll.UntilAsync(() => b.Link.Counters.Get(LinkCounter.DropTruncated) >= 1, 15_000, "the half frame never expired");
        }

        await AssertKeyedHostGetsInAsync(b, flush: false);
    }

    [Fact]
    public async Task Pty_StderrPipeNobodyReads_BadHelloFlood_BoardKeepsAnswering()
    {
        // Finding 4 on a line: every malformed HELLO logs a warning, and stderr is a pipe that is never read.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var unreadEnd = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        var writer = new StreamWriter(pipe) { AutoFlush = true };
        var b = Start(new EmulatedBoardOptions { Link = Config(), Log = new ConsoleLog("board", writer: writer) });
        await using var victim = await LinkClient.ConnectAsync(b.ConnectInMemory(), Options());

        using (var attacker = SerialPortStream.Open(pty.SlavePath))
        {
            byte[] hellos = BadHellos(2000); // ≥ 200 KB of warnings: far past a pipe's 64 KB
            for (int i = 0; i < 3; i++)
            {
                attacker.Write(hellos, 0, hellos.Length);
            }
        }

        Assert.False((await victim.DeclareAsync(10, new CredInfo(), true)).IsError);
        await AssertKeyedHostGetsInAsync(b);
    }

    private EmulatedBoard Start(EmulatedBoardOptions options)
    {
        var b = new EmulatedBoard(options);
        board = b;
        if (pty.Master is SerialByteStream master)
        {
            master.WriteTimeoutMs = b.Link.OutputStallMs; // as gateway emulate --pty sets it
        }

        server = new Thread(() =>
        {
            while (!stopping)
            {
                if (!b.ServeLine(pty.Master))
                {
                    Thread.Sleep(50); // the line's last writer is still ending
                }
            }
        }) { IsBackground = true, Name = "pty-attack-test" };
        server.Start();
        return b;
    }

    /// <summary>
    /// A keyed host opens the slave (which drops what the pty still held for the last peer) and authenticates. When
    /// the board was flooded, first wait until it has answered what the flood left in the pty (its counters stand
    /// still for longer than the stall deadline), so the new host does not share the line with the tail of the attack.
    /// </summary>
    private async Task AssertKeyedHostGetsInAsync(EmulatedBoard b, bool flush = true)
    {
        if (flush)
        {
            int quiet = 0;
            int last = -1;
            for (int i = 0; i < 60 && quiet < 3; i++)
            {
                int now = b.Link.Counters.Get(LinkCounter.FramesIn) + b.Link.Counters.Get(LinkCounter.StreamsStalled);
                quiet = now == last ? quiet + 1 : 0;
                last = now;
                await Task.Delay(b.Link.OutputStallMs / 2);
            }
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var host = SerialPortStream.Open(pty.SlavePath);
        await using var client = await LinkClient.ConnectAsync(host, Options(), cts.Token);
        Assert.False((await client.DeclareAsync(10, new CredInfo(), true, cts.Token)).IsError);
    }

    private static BoardLinkConfig Config()
    {
        var link = BoardLinkConfig.Emulated();
        link.HandshakeTimeoutMs = 1500;
        link.OutputStallMs = 1000;
        return link;
    }

    private static LinkClientOptions Options() => new()
    {
        Key = DevelopmentKey.Create(),
        HostId = HostIds.FromName("pty-attack-test-" + Guid.NewGuid().ToString("N")),
    };

    /// <summary>A preamble announcing a 16 KiB frame, then only 8 KiB of it.</summary>
    private static byte[] HalfFrame()
    {
        byte[] frame = new byte[LinkLimits.FrameLength(LinkLimits.DesktopBody)];
        FrameHeader.Write(frame, 0, FrameKind.Request, 0, RefusalReason.None, 1, 1, 1);
        byte[] wire = new byte[LinkLimits.WireLength(LinkLimits.DesktopBody)];
        int n = FrameEncoder.Encode(frame, 0, LinkLimits.DesktopBody, wire, 0);
        return wire.AsSpan(0, n / 2).ToArray();
    }

    /// <summary>HELLOs with an 8-byte body (refused <c>bad-hello</c>, each logged), all with attempt <see cref="StrayAttempt"/>.</summary>
    private static byte[] BadHellos(int count)
    {
        byte[] body = new byte[8];
        byte[] frame = new byte[LinkLimits.FrameLength(body.Length)];
        FrameHeader.Write(frame, 0, FrameKind.Hello, 0, RefusalReason.None, StrayAttempt, 0, 0);
        byte[] one = new byte[LinkLimits.WireLength(body.Length)];
        int n = FrameEncoder.Encode(frame, 0, body.Length, one, 0);
        byte[] all = new byte[n * count];
        for (int i = 0; i < count; i++)
        {
            Array.Copy(one, 0, all, i * n, n);
        }

        return all;
    }
}
