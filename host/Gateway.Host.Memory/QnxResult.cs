using System;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Memory;

/// <summary>The outcome of a call: an errno (0 = success) and a value (an fd, a count, an address).</summary>
public readonly record struct QnxResult(int Errno, long Value)
{
    public bool Ok => Errno == 0;

    public static QnxResult Success(long value = 0) => new(0, value);

    public static QnxResult Fail(int errno) => new(errno, -1);

    public override string ToString() => Ok ? $"ok ({Value})" : $"{Protocol.Qnx.Errno.Name(Errno) ?? "errno"} ({Errno})";
}
