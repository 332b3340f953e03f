using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Wire;
using Gateway.Transports.Desktop.InMemory;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Host.Tests.Link;

/// <summary>
/// A resource manager stand-in: each request's reply echoes the message and carries, as its status, how many times
/// that exact (session, pid, coid, message) has been executed.
/// </summary>
internal sealed class EchoHandler : IMessageHandler
{
    private readonly object gate = new();
    private readonly Dictionary<string, int> executions = new();
    private readonly List<int> ended = new();

    public IReadOnlyDictionary<string, int> Executions
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, int>(executions);
            }
        }
    }

    public IReadOnlyList<int> Ended
    {
        get
        {
            lock (gate)
            {
                return ended.ToList();
            }
        }
    }

    public int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit) => 0;

    public void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
    {
        string key = $"{session}/{pid}/{coid}/{Convert.ToHexString(message, offset, length)}";
        int count;
        lock (gate)
        {
            count = executions.GetValueOrDefault(key) + 1;
            executions[key] = count;
        }

        Array.Copy(message, offset, reply.Buffer, reply.BodyOffset, length);
        reply.SetStatus(count, length);
    }

    public void EndSession(int session)
    {
        lock (gate)
        {
            ended.Add(session);
        }
    }
}

/// <summary>A real <see cref="BoardLink"/> serving the board end of a stream on its own thread.</summary>
internal sealed class TestBoard : IDisposable
{
    private readonly List<Thread> threads = new();

    public TestBoard(BoardLinkConfig? config = null, byte[]? bootId = null, byte[]? key = null)
    {
        Config = config ?? BoardLinkConfig.Emulated();
        Config.PollMs = 10;
        Config.Threads ??= BackgroundThreads.Instance;
        BootId = bootId ?? BootIds.Create();
        Link = new BoardLink(Config, Handler, new BclHmac(key ?? DevelopmentKey.Create()), SystemClock.Instance, new ConsoleLog("board", quiet: true, writer: System.IO.TextWriter.Null), BootId);
    }

    public BoardLinkConfig Config { get; }

    public byte[] BootId { get; }

    public BoardLink Link { get; }

    public EchoHandler Handler { get; } = new();

    public void Serve(IByteStream stream)
    {
        var thread = new Thread(() => Link.Serve(stream)) { IsBackground = true };
        thread.Start();
        threads.Add(thread);
    }

    /// <summary>A fresh in-memory pipe whose board end this board serves.</summary>
    public InMemoryPipe Pipe()
    {
        var pipe = new InMemoryPipe();
        Serve(pipe.Board);
        return pipe;
    }

    public void Dispose()
    {
        Link.Stop();
        foreach (Thread t in threads)
        {
            t.Join(5000);
        }
    }
}

internal static class TestOptions
{
    public static LinkClientOptions Fast(byte[]? key = null, byte[]? hostId = null) => new()
    {
        Key = key ?? DevelopmentKey.Create(),
        HostId = hostId ?? HostIds.FromName("link-tests"),
        HandshakeTimeout = TimeSpan.FromSeconds(1),
        RetransmitTimeout = TimeSpan.FromMilliseconds(150),
        MaxAttempts = 40,
    };

    public static CredInfo Cred(int uid = 100) => new() { Ruid = uid, Euid = uid, Suid = uid, Rgid = uid, Egid = uid, Sgid = uid };
}

/// <summary>A decoded frame as the scripted board sees it.</summary>
internal sealed record RawFrame(FrameKind Kind, FrameFlags Flags, RefusalReason Reason, uint Seq, int A, int B, byte[] Body);

/// <summary>
/// A scripted board for host tests: it completes the real handshake (shared codecs, the development key), then lets
/// the test read the host's frames and answer them however it likes — late, twice, never.
/// </summary>
internal sealed class RawBoard
{
    private readonly IByteStream stream;
    private readonly FrameDecoder decoder = new(LinkLimits.DesktopBody);
    private readonly Queue<RawFrame> received = new();
    private readonly byte[] rx = new byte[4096];
    private readonly IHmac hmac = new BclHmac(DevelopmentKey.Create());

    public RawBoard(IByteStream stream, int window = 8, byte[]? bootId = null)
    {
        this.stream = stream;
        Window = window;
        BootId = bootId ?? Enumerable.Repeat((byte)0xB0, 16).ToArray();
    }

    public int Window { get; }

    public byte[] BootId { get; }

    /// <summary>Answers HELLO and AUTH (on a background task) so ConnectAsync can complete.</summary>
    public Task AcceptAsync() => Task.Factory.StartNew(() =>
    {
        RawFrame hello = Next(f => f.Kind == FrameKind.Hello);
        var reply = new HelloReply
        {
            MaxBody = LinkLimits.DesktopBody, Window = Window, Features = LinkFeatures.Events, SessionTimeoutMs = 10_000,
        };
        BootId.CopyTo(reply.BootId, 0);
        LinkText.Write("raw", reply.Name, 0, HelloReply.TextSize);
        byte[] body = new byte[HelloReply.Size];
        reply.Encode(body, 0);
        HelloReply.WriteKind(body, 0, BoardKind.Emulated); // it holds the development key, which the host uses only with an emulated board
        byte[] scratch = new byte[LinkAuth.ScratchSize];
        LinkAuth.BoardProof(hmac, hello.Body, 0, body, 0, scratch, body, HelloReply.OffProof);
        Send(FrameKind.HelloReply, hello.Seq, 0, 0, body);
        RawFrame auth = Next(f => f.Kind == FrameKind.Auth);
        byte[] expected = new byte[32];
        LinkAuth.HostProof(hmac, hello.Body, 0, body, 0, scratch, expected, 0);
        Assert.True(LinkAuth.MacEquals(expected, 0, auth.Body, 0), "the host's proof");
        Send(FrameKind.AuthReply, auth.Seq, 0, 0, Array.Empty<byte>());
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public void Send(FrameKind kind, uint seq, int a, int b, byte[] body, FrameFlags flags = FrameFlags.None, RefusalReason reason = RefusalReason.None)
    {
        byte[] wire = Wire(kind, seq, a, b, body, flags, reason);
        stream.Write(wire, 0, wire.Length);
    }

    /// <summary>A frame's wire bytes (COBS, CRC and the delimiter), for tests that send it in pieces.</summary>
    public static byte[] Wire(FrameKind kind, uint seq, int a, int b, byte[] body, FrameFlags flags = FrameFlags.None, RefusalReason reason = RefusalReason.None)
    {
        byte[] frame = new byte[LinkLimits.FrameLength(body.Length)];
        FrameHeader.Write(frame, 0, kind, flags, reason, seq, a, b);
        body.CopyTo(frame, FrameHeader.Size);
        byte[] wire = new byte[LinkLimits.WireLength(body.Length)];
        int n = FrameEncoder.Encode(frame, 0, body.Length, wire, 0);
        return wire.AsSpan(0, n).ToArray();
    }

    /// <summary>Writes raw bytes to the host (a frame in pieces, noise).</summary>
    public void Write(byte[] bytes, int offset, int count) => stream.Write(bytes, offset, count);

    public void Reply(uint seq, int status, byte[] body) => Send(FrameKind.Reply, seq, status, 0, body);

    public void Event(int source, int code, int value, uint counter)
    {
        byte[] body = new byte[EventBody.Size];
        LittleEndian.WriteI32(body, 0, value);
        Send(FrameKind.Event, counter, source, code, body);
    }

    /// <summary>The next host frame matching <paramref name="match"/> (others are discarded).</summary>
    public RawFrame Next(Func<RawFrame, bool> match, int timeoutMs = 10_000)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            while (received.Count > 0)
            {
                RawFrame f = received.Dequeue();
                if (match(f))
                {
                    return f;
                }
            }

            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                throw new Xunit.Sdk.XunitException("the host sent no matching frame in time");
            }

            int n = stream.Read(rx, 0, rx.Length, (int)Math.Min(left, 100));
            if (n < 0)
            {
                throw new Xunit.Sdk.XunitException("the stream closed");
            }

            for (int offset = 0; ;)
            {
                offset += decoder.Feed(rx, offset, n - offset);
                if (decoder.Status == FrameDecodeStatus.NeedMore)
                {
                    break;
                }

                if (decoder.Status == FrameDecodeStatus.Frame)
                {
                    FrameHeader h = decoder.Header;
                    received.Enqueue(new RawFrame(h.Kind, h.Flags, h.Reason, h.Seq, h.A, h.B, decoder.Buffer.AsSpan(decoder.BodyOffset, decoder.BodyLength).ToArray()));
                }
            }
        }
    }

    public RawFrame NextRequest(int timeoutMs = 10_000) => Next(f => f.Kind == FrameKind.Request || f.Kind == FrameKind.Declare, timeoutMs);
}
