using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Tests.Link;

/// <summary>Golden vectors are written as commented hex: "01 02 ff".</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) =>
        hex.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();

    public static string Format(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();
}

/// <summary>HMAC-SHA-256 through the BCL, for board tests (the desktop BclHmac lives in another project).</summary>
internal sealed class TestHmac : IHmac
{
    private readonly byte[] key;

    public TestHmac(byte[] key) => this.key = key;

    public int Calls;

    public void Compute(byte[] data, int offset, int count, byte[] mac, int macOffset)
    {
        Interlocked.Increment(ref Calls);
        HMACSHA256.HashData(key, data.AsSpan(offset, count), mac.AsSpan(macOffset, 32));
    }
}

/// <summary>The link's writer threads as background threads (a test never waits for them at exit).</summary>
internal sealed class TestThreads : IThreadStarter
{
    public static readonly TestThreads Instance = new();

    public void Start(ThreadStart body) => new Thread(body) { IsBackground = true }.Start();
}

internal sealed class FakeClock : IClock
{
    private long now = 1_000_000;

    public long MonotonicMs => Interlocked.Read(ref now);

    public void Advance(long ms) => Interlocked.Add(ref now, ms);

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        seconds = MonotonicMs / 1000;
        nanoseconds = 0;
    }
}

internal sealed class ListLog : ILog
{
    private readonly List<string> lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    public void Info(string message)
    {
        lock (lines)
        {
            lines.Add("info: " + message);
        }
    }

    public void Warn(string message)
    {
        lock (lines)
        {
            lines.Add("warn: " + message);
        }
    }
}

/// <summary>
/// A resource manager stand-in that counts what the link hands it. Each request's reply echoes the message bytes
/// and carries the number of times that exact (session, pid, coid, message) has been executed as its status.
/// </summary>
internal sealed class CountingHandler : IMessageHandler
{
    private readonly object gate = new();
    private readonly Dictionary<string, int> executions = new();
    private readonly List<string> order = new();
    private readonly List<int> ended = new();
    private readonly List<(int Session, int Pid, bool Is64, int Euid)> declared = new();
    private readonly AutoResetEvent endedSignal = new(false);

    public int DeclareAnswer { get; set; }

    public Action<int, int, int, byte[]>? OnHandle { get; set; }

    public int TotalExecutions
    {
        get
        {
            lock (gate)
            {
                return executions.Values.Sum();
            }
        }
    }

    public IReadOnlyList<string> Order
    {
        get
        {
            lock (gate)
            {
                return order.ToList();
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

    public IReadOnlyList<(int Session, int Pid, bool Is64, int Euid)> Declared
    {
        get
        {
            lock (gate)
            {
                return declared.ToList();
            }
        }
    }

    public int ExecutionsOf(int session, int pid, int coid, byte[] message)
    {
        lock (gate)
        {
            return executions.GetValueOrDefault(Key(session, pid, coid, message));
        }
    }

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

    public int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit)
    {
        lock (gate)
        {
            if (DeclareAnswer != 0)
            {
                return DeclareAnswer;
            }

            declared.Add((session, pid, is64Bit, cred.Euid));
            return 0;
        }
    }

    public void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
    {
        byte[] msg = message.AsSpan(offset, length).ToArray();
        int count;
        lock (gate)
        {
            string key = Key(session, pid, coid, msg);
            count = executions.GetValueOrDefault(key) + 1;
            executions[key] = count;
            order.Add(Hex.Format(msg));
        }

        OnHandle?.Invoke(session, pid, coid, msg);
        msg.CopyTo(reply.Buffer, reply.BodyOffset);
        reply.SetStatus(count, msg.Length);
    }

    public void EndSession(int session)
    {
        lock (gate)
        {
            ended.Add(session);
        }

        endedSignal.Set();
    }

    /// <summary>Waits until EndSession has been called <paramref name="count"/> times in all.</summary>
    public bool WaitEnded(int count, int timeoutMs = 10_000)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (Ended.Count < count)
        {
            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            endedSignal.WaitOne((int)Math.Min(left, 100));
        }

        return true;
    }

    private static string Key(int session, int pid, int coid, byte[] message) =>
        $"{session}/{pid}/{coid}/{Hex.Format(message)}";
}

/// <summary>An <see cref="IByteStream"/> whose other end is driven by a test (the "wire").</summary>
internal sealed class TestStream : IByteStream
{
    private readonly object gate = new();
    private readonly Queue<byte> toBoard = new();
    private readonly Queue<byte> fromBoard = new();
    private bool closed;

    public void Push(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            foreach (byte b in bytes)
            {
                toBoard.Enqueue(b);
            }

            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Takes what the board wrote, waiting up to <paramref name="timeoutMs"/> for the first byte.</summary>
    public byte[] Take(int timeoutMs)
    {
        lock (gate)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            while (fromBoard.Count == 0)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0 || closed)
                {
                    return Array.Empty<byte>();
                }

                Monitor.Wait(gate, (int)left);
            }

            byte[] all = fromBoard.ToArray();
            fromBoard.Clear();
            return all;
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (gate)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            while (toBoard.Count == 0)
            {
                if (closed)
                {
                    return -1;
                }

                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return 0;
                }

                Monitor.Wait(gate, (int)left);
            }

            int n = 0;
            while (n < count && toBoard.Count > 0)
            {
                buffer[offset + n++] = toBoard.Dequeue();
            }

            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        lock (gate)
        {
            if (closed)
            {
                throw new System.IO.IOException("closed");
            }

            for (int i = 0; i < count; i++)
            {
                fromBoard.Enqueue(buffer[offset + i]);
            }

            Monitor.PulseAll(gate);
        }
    }

    public void Close()
    {
        lock (gate)
        {
            closed = true;
            Monitor.PulseAll(gate);
        }
    }
}

/// <summary>A decoded frame as a test sees it.</summary>
internal sealed record TestFrame(int Version, FrameKind Kind, FrameFlags Flags, RefusalReason Reason, uint Seq, int A, int B, byte[] Body)
{
    public bool IsError => (Flags & FrameFlags.Error) != 0;

    public override string ToString() =>
        $"{FrameKinds.Name(Kind)} seq={Seq} flags={Flags} reason={RefusalReasons.Name(Reason)} a={A} b={B} body={Body.Length}";
}

/// <summary>Builds wire frames the way a host does (shared codecs) and decodes the board's output.</summary>
internal static class Wire
{
    public static byte[] Frame(FrameKind kind, uint seq, int a = 0, int b = 0, ReadOnlySpan<byte> body = default, int version = LinkLimits.Version, FrameFlags flags = FrameFlags.None)
    {
        byte[] frame = new byte[FrameHeader.Size + body.Length + FrameHeader.CrcSize];
        var h = new FrameHeader();
        h.Set(kind, flags, 0, seq, a, b);
        h.Version = version;
        h.Write(frame, 0);
        body.CopyTo(frame.AsSpan(FrameHeader.Size));
        byte[] wire = new byte[LinkLimits.WireLength(body.Length)];
        int n = FrameEncoder.Encode(frame, 0, body.Length, wire, 0);
        return wire.AsSpan(0, n).ToArray();
    }

    public static List<TestFrame> DecodeAll(FrameDecoder decoder, byte[] wire)
    {
        var frames = new List<TestFrame>();
        int off = 0;
        while (true)
        {
            off += decoder.Feed(wire, off, wire.Length - off);
            if (decoder.Status == FrameDecodeStatus.NeedMore)
            {
                break;
            }

            if (decoder.Status == FrameDecodeStatus.Frame)
            {
                FrameHeader h = decoder.Header;
                frames.Add(new TestFrame(h.Version, h.Kind, h.Flags, h.Reason, h.Seq, h.A, h.B,
                    decoder.Buffer.AsSpan(decoder.BodyOffset, decoder.BodyLength).ToArray()));
            }
        }

        return frames;
    }
}
