using System;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess;

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
