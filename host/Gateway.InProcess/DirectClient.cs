using System;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess;

/// <summary>What came back for one request.</summary>
public sealed record RmResult(bool IsError, int Value, byte[] Body)
{
    public int Errno => IsError ? Value : 0;

    public override string ToString() => IsError ? $"error {Protocol.Qnx.Errno.Name(Value)} ({Value})" : $"status {Value}, {Body.Length} body bytes";
}

/// <summary>Sends QNX messages straight to an <see cref="IMessageHandler"/>, exactly as the link hands them over.</summary>
public sealed class DirectClient
{
    private readonly IMessageHandler handler;
    private readonly byte[] replyBuffer;
    private readonly Reply reply;

    public DirectClient(IMessageHandler handler, int replyCapacity = 16384)
    {
        this.handler = handler;
        replyBuffer = new byte[replyCapacity + 64];
        reply = new Reply(replyBuffer, 32, replyCapacity);
    }

    public RmResult Send(int session, int pid, int coid, byte[] message) => Send(session, pid, coid, message, 0, message.Length);

    public RmResult Send(int session, int pid, int coid, byte[] message, int offset, int length)
    {
        handler.Handle(session, pid, coid, message, offset, length, reply);
        var body = new byte[reply.Length];
        Array.Copy(replyBuffer, reply.BodyOffset, body, 0, reply.Length);
        return new RmResult(reply.IsError, reply.Value, body);
    }
}

/// <summary>A board clock tests move by hand.</summary>
public sealed class ManualClock : IClock
{
    public long Ms = 1000;
    public long Seconds = 1_700_000_000;
    public int Nanos = 500;

    public long MonotonicMs => Ms;

    public void UtcNow(out long seconds, out int nanoseconds)
    {
        seconds = Seconds;
        nanoseconds = Nanos;
    }

    public void Advance(int seconds)
    {
        Seconds += seconds;
        Ms += seconds * 1000L;
    }
}
