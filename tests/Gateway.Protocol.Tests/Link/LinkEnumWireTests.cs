using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

/// <summary>
/// The enums are the identity of the header's <c>kind</c> and <c>reason</c> bytes, and their values are the wire
/// contract (hardware-docs/link.md §2.1 and §2.3): each value goes out as its byte, comes back as itself, and has
/// the name the document gives it.
/// </summary>
public sealed class LinkEnumWireTests
{
    [Theory]
    [InlineData(FrameKind.Hello, 0x01, "hello")]
    [InlineData(FrameKind.HelloReply, 0x02, "hello-reply")]
    [InlineData(FrameKind.Auth, 0x03, "auth")]
    [InlineData(FrameKind.AuthReply, 0x04, "auth-reply")]
    [InlineData(FrameKind.Declare, 0x05, "declare")]
    [InlineData(FrameKind.Request, 0x06, "request")]
    [InlineData(FrameKind.Reply, 0x07, "reply")]
    [InlineData(FrameKind.Event, 0x08, "event")]
    [InlineData(FrameKind.Ping, 0x09, "ping")]
    [InlineData(FrameKind.Pong, 0x0A, "pong")]
    [InlineData(FrameKind.Close, 0x0B, "close")]
    public void FrameKind_WrittenAndRead_IsItsLinkMdByteAndName(FrameKind kind, int wire, string name)
    {
        byte[] b = new byte[FrameHeader.Size];
        FrameHeader.Write(b, 0, kind, 0, RefusalReason.None, 1, 0, 0);
        var h = new FrameHeader();
        h.Read(b, 0);

        Assert.Equal(wire, b[FrameHeader.OffKind]);
        Assert.Equal(kind, h.Kind);
        Assert.Equal(name, FrameKinds.Name(kind));
    }

    [Fact]
    public void FrameKind_ByteNoKindHas_ReadsBackAsItsNumberNamedUnknown()
    {
        byte[] b = new byte[FrameHeader.Size];
        b[FrameHeader.OffKind] = 0x7F;
        var h = new FrameHeader();
        h.Read(b, 0);

        Assert.Equal(0x7F, (int)h.Kind);
        Assert.Equal("unknown", FrameKinds.Name(h.Kind));
        Assert.False(FrameKinds.IsBoardToHost(h.Kind));
    }

    [Theory]
    [InlineData(RefusalReason.None, 0, "none")]
    [InlineData(RefusalReason.NotAuthenticated, 1, "not-authenticated")]
    [InlineData(RefusalReason.UnsupportedVersion, 2, "unsupported-version")]
    [InlineData(RefusalReason.UnsupportedKind, 3, "unsupported-kind")]
    [InlineData(RefusalReason.BadMac, 4, "bad-mac")]
    [InlineData(RefusalReason.ReplayedNonce, 5, "replayed-nonce")]
    [InlineData(RefusalReason.NoSessionSlot, 6, "no-session-slot")]
    [InlineData(RefusalReason.NoHandshake, 7, "no-handshake")]
    [InlineData(RefusalReason.StaleHandshake, 8, "stale-handshake")]
    [InlineData(RefusalReason.BadHello, 9, "bad-hello")]
    [InlineData(RefusalReason.UndeclaredPid, 10, "undeclared-pid")]
    [InlineData(RefusalReason.BadDeclare, 11, "bad-declare")]
    [InlineData(RefusalReason.SessionReplaced, 12, "session-replaced")]
    [InlineData(RefusalReason.SessionTimeout, 13, "session-timeout")]
    [InlineData(RefusalReason.ClosedByHost, 14, "closed-by-host")]
    [InlineData(RefusalReason.NewHandshake, 15, "new-handshake")]
    [InlineData(RefusalReason.HandlerFault, 16, "handler-fault")]
    [InlineData(RefusalReason.Shutdown, 17, "shutdown")]
    [InlineData(RefusalReason.StreamClosed, 18, "stream-closed")]
    public void RefusalReason_WrittenAndRead_IsItsLinkMdCodeAndName(RefusalReason reason, int wire, string name)
    {
        byte[] b = new byte[FrameHeader.Size];
        FrameHeader.Write(b, 0, FrameKind.Close, 0, reason, 0, 0, 0);
        var h = new FrameHeader();
        h.Read(b, 0);

        Assert.Equal(wire, b[FrameHeader.OffReason]);
        Assert.Equal(reason, h.Reason);
        Assert.Equal(name, RefusalReasons.Name(reason));
    }
}
