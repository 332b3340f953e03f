namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The identities of the <see cref="LinkCounters"/> (link.md §9), each the index of its count; <see cref="LinkCounters.Name"/>
    /// gives the stable JSON name, <see cref="LinkCounters.Count"/> how many there are.
    /// </summary>
    public enum LinkCounter
    {
        /// <summary>Frames that passed the decoder (preamble, length, CRC, version).</summary>
        FramesIn = 0,
        FramesOut = 1,
        BytesIn = 2,
        BytesOut = 3,

        /// <summary>Frame drops by reason (FrameDropReason).</summary>
        DropHeader = 4,
        DropCrc = 5,
        DropOversize = 6,
        DropShort = 7,
        DropBadVersion = 8,

        /// <summary>A sequenced frame older than the window (its cached reply is gone): dropped.</summary>
        DropStale = 9,

        /// <summary>A sequenced frame at or past next + window: dropped.</summary>
        DropOutOfWindow = 10,

        /// <summary>An early arrival already being held: dropped.</summary>
        DropDuplicateHeld = 11,

        /// <summary>A board-to-host kind (REPLY, EVENT, …) arriving at the board: dropped, never answered.</summary>
        DropUnexpected = 12,

        /// <summary>REQUEST frames executed (each sequence number once).</summary>
        RequestsApplied = 13,

        /// <summary>DECLARE frames executed.</summary>
        DeclaresApplied = 14,

        /// <summary>Retransmissions answered from the reply cache without executing anything.</summary>
        DuplicatesAnswered = 15,

        /// <summary>Early arrivals held until their turn.</summary>
        HeldEarly = 16,

        /// <summary>Link refusals sent (any reason).</summary>
        Refusals = 17,

        /// <summary>Refusals of the handshake: bad MAC, replayed nonce, unsupported version, bad hello, no slot, …</summary>
        AuthFailures = 18,

        /// <summary>HELLOs answered with a board proof.</summary>
        Handshakes = 19,

        SessionsOpened = 20,
        SessionsEnded = 21,

        /// <summary>Sessions ended because nothing arrived within the session timeout.</summary>
        SessionTimeouts = 22,

        PingsAnswered = 23,
        EventsRaised = 24,

        /// <summary>EVENT frames written (one per event per subscribed session).</summary>
        EventsSent = 25,

        /// <summary>Requests whose handler threw (answered EIO).</summary>
        HandlerFaults = 26,

        /// <summary>Streams refused because every stream slot was busy.</summary>
        StreamsRefused = 27,

        /// <summary>Frames cut short: the line went idle in the middle of one (FrameDropReason.Truncated).</summary>
        DropTruncated = 28,

        /// <summary>Streams closed because they carried no session for the handshake timeout (connections only).</summary>
        StreamsIdleClosed = 29,

        /// <summary>Unauthenticated streams closed to make room for a new connection.</summary>
        StreamsEvicted = 30,

        /// <summary>Streams dropped because their writer made no progress for the output stall deadline.</summary>
        StreamsStalled = 31,

        /// <summary>Frames not queued because the stream's output queue was full (a reply is answered again on retransmission).</summary>
        OutputOverflows = 32,
    }
}
