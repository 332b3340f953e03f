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
