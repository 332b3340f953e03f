using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Protocol.Link;

namespace Gateway.Protocol.Tests.Link;

/// <summary>
/// The enums are the identity of the header's <c>kind</c>, <c>flags</c> and <c>reason</c> bytes, DECLARE's process flags
/// and the link counters, and their values are the contract (hardware-docs/link.md §2 and §9): each value goes out as
/// its byte, comes back as itself, and has the name the document gives it.
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

    [Theory]
    [InlineData(LinkCounter.FramesIn, 0, "frames-in")]
    [InlineData(LinkCounter.FramesOut, 1, "frames-out")]
    [InlineData(LinkCounter.BytesIn, 2, "bytes-in")]
    [InlineData(LinkCounter.BytesOut, 3, "bytes-out")]
    [InlineData(LinkCounter.DropHeader, 4, "drop-header")]
    [InlineData(LinkCounter.DropCrc, 5, "drop-crc")]
    [InlineData(LinkCounter.DropOversize, 6, "drop-oversize")]
    [InlineData(LinkCounter.DropShort, 7, "drop-short")]
    [InlineData(LinkCounter.DropBadVersion, 8, "drop-bad-version")]
    [InlineData(LinkCounter.DropStale, 9, "drop-stale")]
    [InlineData(LinkCounter.DropOutOfWindow, 10, "drop-out-of-window")]
    [InlineData(LinkCounter.DropDuplicateHeld, 11, "drop-duplicate-held")]
    [InlineData(LinkCounter.DropUnexpected, 12, "drop-unexpected")]
    [InlineData(LinkCounter.RequestsApplied, 13, "requests-applied")]
    [InlineData(LinkCounter.DeclaresApplied, 14, "declares-applied")]
    [InlineData(LinkCounter.DuplicatesAnswered, 15, "duplicates-answered")]
    [InlineData(LinkCounter.HeldEarly, 16, "held-early")]
    [InlineData(LinkCounter.Refusals, 17, "refusals")]
    [InlineData(LinkCounter.AuthFailures, 18, "auth-failures")]
    [InlineData(LinkCounter.Handshakes, 19, "handshakes")]
    [InlineData(LinkCounter.SessionsOpened, 20, "sessions-opened")]
    [InlineData(LinkCounter.SessionsEnded, 21, "sessions-ended")]
    [InlineData(LinkCounter.SessionTimeouts, 22, "session-timeouts")]
    [InlineData(LinkCounter.PingsAnswered, 23, "pings-answered")]
    [InlineData(LinkCounter.EventsRaised, 24, "events-raised")]
    [InlineData(LinkCounter.EventsSent, 25, "events-sent")]
    [InlineData(LinkCounter.HandlerFaults, 26, "handler-faults")]
    [InlineData(LinkCounter.StreamsRefused, 27, "streams-refused")]
    [InlineData(LinkCounter.DropTruncated, 28, "drop-truncated")]
    [InlineData(LinkCounter.StreamsIdleClosed, 29, "streams-idle-closed")]
    [InlineData(LinkCounter.StreamsEvicted, 30, "streams-evicted")]
    [InlineData(LinkCounter.StreamsStalled, 31, "streams-stalled")]
    [InlineData(LinkCounter.OutputOverflows, 32, "output-overflows")]
    public void LinkCounter_EachCounter_IsItsIndexAndLinkMdName(LinkCounter counter, int index, string name)
    {
        Assert.Equal(index, (int)counter);
        Assert.Equal(name, LinkCounters.Name(counter));
    }

    [Fact]
    public void LinkCounter_Count_IsOneMoreThanTheLargestAndEveryIndexHasADistinctName()
    {
        Assert.Equal(33, LinkCounters.Count);
        Assert.Equal(LinkCounters.Count - 1, (int)Enum.GetValues<LinkCounter>().Max());
        var seen = new HashSet<string>();
        for (int i = 0; i < LinkCounters.Count; i++)
        {
            string name = LinkCounters.Name((LinkCounter)i);
            Assert.NotEqual("unknown", name);
            Assert.True(seen.Add(name), name);
        }

        Assert.Equal("unknown", LinkCounters.Name((LinkCounter)LinkCounters.Count));
    }

    [Theory]
    [InlineData(FrameDropReason.Header, LinkCounter.DropHeader)]
    [InlineData(FrameDropReason.Crc, LinkCounter.DropCrc)]
    [InlineData(FrameDropReason.Oversize, LinkCounter.DropOversize)]
    [InlineData(FrameDropReason.Short, LinkCounter.DropShort)]
    [InlineData(FrameDropReason.BadVersion, LinkCounter.DropBadVersion)]
    [InlineData(FrameDropReason.Truncated, LinkCounter.DropTruncated)]
    public void LinkCounter_ForEachDropReason_IsItsDropCounter(FrameDropReason reason, LinkCounter expected)
    {
        Assert.True(LinkCounters.ForDrop(reason, out LinkCounter counter));
        Assert.Equal(expected, counter);
    }

    [Fact]
    public void LinkCounter_ForNoDropReason_IsNone()
    {
        Assert.False(LinkCounters.ForDrop(FrameDropReason.None, out _));
        Assert.False(LinkCounters.ForDrop((FrameDropReason)99, out _));
    }

    [Fact]
    public void FrameFlags_Error_IsBitZeroOfTheFlagsByte()
    {
        Assert.Equal(0, (int)FrameFlags.None);
        Assert.Equal(0x01, (int)FrameFlags.Error);
        byte[] b = new byte[FrameHeader.Size];
        FrameHeader.Write(b, 0, FrameKind.Reply, FrameFlags.Error, RefusalReason.None, 1, 5, 0);
        var h = new FrameHeader();
        h.Read(b, 0);

        Assert.Equal(0x01, b[FrameHeader.OffFlags]);
        Assert.Equal(FrameFlags.Error, h.Flags);
        Assert.True(h.IsError);
    }

    [Fact]
    public void FrameFlags_BitsNoFlagHas_AreKeptOnReadAndDoNotMeanError()
    {
        byte[] b = new byte[FrameHeader.Size];
        b[FrameHeader.OffFlags] = 0xFE;
        var h = new FrameHeader();
        h.Read(b, 0);

        Assert.Equal(0xFE, (int)h.Flags);
        Assert.False(h.IsError);
    }

    [Fact]
    public void ProcessFlags_Bits64_IsBitZeroOfDeclaresBAndNoneIsZero()
    {
        Assert.Equal(0, (int)ProcessFlags.None);
        Assert.Equal(0x1, (int)ProcessFlags.Bits64);
    }
}
