using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;

namespace Gateway.Protocol.Tests.Link;

/// <summary>A <see cref="BoardLink"/> with a counting handler, a fake clock and test streams served on threads.</summary>
internal sealed class BoardHarness : IDisposable
{
    public static readonly byte[] Key = DevelopmentKey.Create();

    // Boot id b0 b1 … bf.
    public static readonly byte[] BootId = Enumerable.Range(0xB0, 16).Select(i => (byte)i).ToArray();

    private readonly List<Thread> threads = new();

    public BoardHarness(BoardLinkConfig? config = null, byte[]? bootId = null)
    {
        Config = config ?? BoardLinkConfig.Emulated();
        Config.PollMs = 5;
        Config.BoardName = "test-board";
        Config.FirmwareVersion = "1.2.3";
        Config.Threads ??= TestThreads.Instance;
        Link = new BoardLink(Config, Handler, new TestHmac(Key), Clock, Log, bootId ?? BootId);
    }

    public BoardLinkConfig Config { get; }

    public BoardLink Link { get; }

    public CountingHandler Handler { get; } = new();

    public FakeClock Clock { get; } = new();

    public ListLog Log { get; } = new();

    /// <summary>Serves a new test stream (a connection from <paramref name="peer"/>) on its own thread and returns the host end.</summary>
    public TestHost Connect(byte[]? hostId = null, int peer = BoardLink.UnknownPeer) => Serve(hostId, line: false, peer);

    /// <summary>Serves a new test stream as a line (a tty) on its own thread and returns the host end.</summary>
    public TestHost ConnectLine(byte[]? hostId = null) => Serve(hostId, line: true, BoardLink.UnknownPeer);

    private TestHost Serve(byte[]? hostId, bool line, int peer)
    {
        var stream = new TestStream();
        var thread = new Thread(() =>
        {
            if (line)
            {
                Link.ServeLine(stream);
            }
            else
            {
                Link.Serve(stream, peer);
            }
        }) { IsBackground = true };
        thread.Start();
        threads.Add(thread);
        return new TestHost(stream, hostId ?? TestHost.DefaultHostId);
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

/// <summary>The host side of a test stream: sends hand-made frames and decodes what the board answers.</summary>
internal sealed class TestHost
{
    // Host id 48 01 48 02 … (16 bytes).
    public static readonly byte[] DefaultHostId = Enumerable.Range(0, 16).Select(i => (byte)(i % 2 == 0 ? 0x48 : i)).ToArray();

    private readonly FrameDecoder decoder = new(LinkLimits.DesktopBody);
    private readonly Queue<TestFrame> received = new();
    private uint fence = 0xF000_0000;

    public TestHost(TestStream stream, byte[] hostId)
    {
        Stream = stream;
        HostId = hostId;
    }

    public TestStream Stream { get; }

    public byte[] HostId { get; }

    /// <summary>Frames that arrived while waiting for something else (events, mostly).</summary>
    public List<TestFrame> Skipped { get; } = new();

    public byte[] LastHelloBody { get; private set; } = Array.Empty<byte>();

    public byte[] LastAuthBody { get; private set; } = Array.Empty<byte>();

    public void Send(byte[] wire) => Stream.Push(wire);

    public TestFrame Next(int timeoutMs)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (received.Count == 0)
        {
            long left = deadline - Environment.TickCount64;
            byte[] bytes = left > 0 ? Stream.Take((int)left) : Array.Empty<byte>();
            if (bytes.Length == 0)
            {
                throw new Xunit.Sdk.XunitException("the board sent no frame in time");
            }

            foreach (TestFrame f in Wire.DecodeAll(decoder, bytes))
            {
                received.Enqueue(f);
            }
        }

        return received.Dequeue();
    }

    /// <summary>The next frame of <paramref name="kind"/>; frames of other kinds go to <see cref="Skipped"/>.</summary>
    public TestFrame NextOf(FrameKind kind, int timeoutMs = 10_000)
    {
        while (true)
        {
            TestFrame f = Next(timeoutMs);
            if (f.Kind == kind)
            {
                return f;
            }

            Skipped.Add(f);
        }
    }

    public TestFrame Next() => Next(10_000);

    public TestFrame Exchange(byte[] wire)
    {
        Send(wire);
        return Next();
    }

    /// <summary>
    /// Sends a PING and returns every frame that arrived before its PONG. The board handles a stream's frames in
    /// order, so anything it would have answered before the PING is in the list: an empty list proves silence.
    /// Needs an authenticated session (before it, a PING is refused rather than answered).
    /// </summary>
    public List<TestFrame> Fence()
    {
        uint seq = ++fence;
        Send(Wire.Frame(FrameKind.Ping, seq));
        var before = new List<TestFrame>();
        while (true)
        {
            TestFrame f = Next();
            if (f.Kind == FrameKind.Pong && f.Seq == seq)
            {
                return before;
            }

            before.Add(f);
        }
    }

    public static byte[] HelloBody(byte[] hostId, byte[]? nonce = null, int maxBody = LinkLimits.DesktopBody, int window = 8, uint features = LinkFeatures.Events)
    {
        var hello = new HelloRequest { MaxBody = maxBody, Window = window, Features = features };
        hostId.CopyTo(hello.HostId, 0);
        (nonce ?? RandomNumberGenerator.GetBytes(32)).CopyTo(hello.HostNonce, 0);
        byte[] body = new byte[HelloRequest.Size];
        hello.Encode(body, 0);
        return body;
    }

    public TestFrame Hello(uint attempt = 1, byte[]? nonce = null, int maxBody = LinkLimits.DesktopBody, int window = 8, uint features = LinkFeatures.Events)
    {
        LastHelloBody = HelloBody(HostId, nonce, maxBody, window, features);
        return Exchange(Wire.Frame(FrameKind.Hello, attempt, body: LastHelloBody));
    }

    /// <summary>Computes the AUTH proof for the last HELLO and its reply with <paramref name="key"/>.</summary>
    public byte[] Proof(TestFrame helloReply, byte[] key)
    {
        byte[] mac = new byte[32];
        LinkAuth.HostProof(new TestHmac(key), LastHelloBody, 0, helloReply.Body, 0, new byte[LinkAuth.ScratchSize], mac, 0);
        return mac;
    }

    public TestFrame Auth(uint attempt, byte[] proof)
    {
        LastAuthBody = proof;
        return Exchange(Wire.Frame(FrameKind.Auth, attempt, body: proof));
    }

    /// <summary>The whole handshake with the right key; returns the AUTH_REPLY.</summary>
    public TestFrame Open(int window = 8, uint features = LinkFeatures.Events, int maxBody = LinkLimits.DesktopBody)
    {
        TestFrame reply = Hello(1, null, maxBody, window, features);
        Assert.Equal(FrameKind.HelloReply, reply.Kind);
        Assert.False(reply.IsError, reply.ToString());
        TestFrame auth = Auth(1, Proof(reply, BoardHarness.Key));
        Assert.Equal(FrameKind.AuthReply, auth.Kind);
        Assert.False(auth.IsError, auth.ToString());
        return auth;
    }

    public static byte[] Cred(int euid = 100, int egid = 100)
    {
        var c = new CredInfo { Ruid = euid, Euid = euid, Suid = euid, Rgid = egid, Egid = egid, Sgid = egid };
        byte[] b = new byte[CredInfo.Size];
        c.Encode(b, 0);
        return b;
    }

    public TestFrame Declare(uint seq, int pid, bool is64 = true, int euid = 100) =>
        Exchange(Wire.Frame(FrameKind.Declare, seq, pid, (int)(is64 ? ProcessFlags.Bits64 : ProcessFlags.None), Cred(euid)));

    public static byte[] Request(uint seq, int pid, int coid, params byte[] message) =>
        Wire.Frame(FrameKind.Request, seq, pid, coid, message);
}
