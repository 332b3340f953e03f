using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Link;

/// <summary>
/// The host's end of the link (hardware-docs/link.md): connects over any <see cref="Stream"/> (tty, TCP, in-memory),
/// proves and checks the key, declares processes, sends requests with up to <c>window</c> in flight and retransmits
/// each with the same sequence number until its reply arrives, matches replies by sequence number, pings when idle,
/// and hands board events to subscribers with the losses their counters reveal.
/// <para>
/// The frame codecs are the board's own (Gateway.Protocol.Link): one logic on both ends. The client owns the stream
/// once connected (see <see cref="LinkClientOptions.LeaveOpen"/>); a failed <see cref="ConnectAsync"/> leaves it to
/// the caller, who may connect again over it.
/// </para>
/// </summary>
public sealed class LinkClient : IAsyncDisposable
{
    /// <summary>The decoded length of an EVENT frame, the longest frame the board sends unasked besides replies.</summary>
    private const int LongestShortFrame = FrameHeader.Size + EventBody.Size + FrameHeader.CrcSize;

    private readonly Stream stream;
    private readonly LinkClientOptions options;
    private readonly BclHmac hmac;
    private readonly FrameDecoder decoder;
    private readonly byte[] readBuffer = new byte[16 * 1024];
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource<LinkEndReason> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<ControlFrame> handshakeFrames = Channel.CreateUnbounded<ControlFrame>(new() { SingleReader = true, SingleWriter = true });
    private readonly Channel<BoardEvent> events = Channel.CreateUnbounded<BoardEvent>(new() { SingleReader = true, SingleWriter = true });
    private readonly object gate = new();

    // The public development key: only a board announcing itself as emulated is worth a handshake.
    private readonly bool developmentKey;
    private readonly Dictionary<uint, Pending> pending = new();
    private readonly HashSet<uint> answeredAhead = new();
    private readonly Dictionary<int, uint> lastEventCounter = new();
    private readonly List<Action<BoardEvent>> subscribers = new();
    private SemaphoreSlim window = new(1, 1);
    private uint nextSeq = 1;
    private uint baseSeq = 1;
    private uint pingSeq;
    private long lastSentMs = Environment.TickCount64;
    private long lastReceivedMs = Environment.TickCount64;
    private long lastReplyProgressMs = Environment.TickCount64;
    private volatile bool established;
    private volatile bool silent;
    private BoardInfo? board;
    private Task readLoop = Task.CompletedTask;
    private Task keepAlive = Task.CompletedTask;
    private Task dispatcher = Task.CompletedTask;

    private LinkClient(Stream stream, LinkClientOptions options)
    {
        this.stream = stream;
        this.options = options;
        hmac = new BclHmac(options.Key);
        developmentKey = DevelopmentKey.Is(options.Key);
        decoder = new FrameDecoder(Math.Max(options.MaxBody, HelloReply.Size), SystemCrc32.Instance);
    }

    /// <summary>What the board said about itself and granted.</summary>
    public BoardInfo Board => board ?? throw new InvalidOperationException("not connected");

    public LinkClientCounters Counters { get; } = new();

    /// <summary>Completes with the reason when the session ends.</summary>
    public Task<LinkEndReason> Completion => ended.Task;

    public bool IsConnected => established && !ended.Task.IsCompleted;

    /// <summary>
    /// Runs the handshake and the mutual authentication over <paramref name="stream"/>. Throws
    /// <see cref="LinkAuthenticationException"/> (keys differ), <see cref="LinkDevelopmentKeyException"/> (the development
    /// key and a board that does not announce itself as emulated), <see cref="LinkRefusedException"/> (version, limits,
    /// no free session), <see cref="BoardResetException"/> (boot id differs from <see cref="LinkClientOptions.ExpectedBootId"/>)
    /// or <see cref="LinkHandshakeTimeoutException"/> (no answer; it tells a silent line from a garbled one).
    /// </summary>
    public static async Task<LinkClient> ConnectAsync(Stream stream, LinkClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new LinkClient(stream, options);
        client.readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
        try
        {
            await client.HandshakeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        client.keepAlive = Task.Run(client.KeepAliveLoopAsync, CancellationToken.None);
        client.dispatcher = Task.Run(client.DispatchEventsAsync, CancellationToken.None);
        return client;
    }

    /// <summary>Declares a process of this host in the session (DECLARE); the reply's errno is the board's answer.</summary>
    public Task<BoardReply> DeclareAsync(int pid, CredInfo cred, bool is64Bit = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cred);
        byte[] body = new byte[CredInfo.Size];
        cred.Encode(body, 0);
        return SendSequencedAsync(FrameKind.Declare, pid, (int)(is64Bit ? ProcessFlags.Bits64 : ProcessFlags.None), body, cancellationToken);
    }

    /// <summary>
    /// Sends one whole QNX message from (<paramref name="pid"/>, <paramref name="coid"/>) and returns the board's reply.
    /// The message must fit <see cref="BoardInfo.MaxBody"/>. Cancelling abandons the wait, not the request: it is
    /// still delivered (the sequence must have no holes) and its reply discarded.
    /// </summary>
    public Task<BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (message.Length > Board.MaxBody)
        {
            throw new ArgumentException($"a message of {message.Length} bytes does not fit the negotiated frame body of {Board.MaxBody}", nameof(message));
        }

        return SendSequencedAsync(FrameKind.Request, pid, coid, message, cancellationToken);
    }

    /// <summary>Calls <paramref name="handler"/> for every board event (on a dispatcher task, in arrival order) until disposed.</summary>
    public IDisposable Subscribe(Action<BoardEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (subscribers)
        {
            subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Ends the session with CLOSE (acknowledged by the board, or given up after a few tries).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (ended.Task.IsCompleted)
        {
            return;
        }

        byte[] close = BuildFrame(FrameKind.Close, FrameFlags.None, 0, 0, 0, ReadOnlySpan<byte>.Empty);
        for (int attempt = 0; attempt < 3 && !ended.Task.IsCompleted; attempt++)
        {
            try
            {
                await WriteAsync(close, cancellationToken).ConfigureAwait(false);
                await ended.Task.WaitAsync(options.RetransmitTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (LinkSessionEndedException)
            {
            }
        }

        End(LinkEndReason.Closed);
    }

    /// <summary>
    /// The host goes silent, as a host that hung would: no pings and no silence check of its own, so the board ends the
    /// session when its session timeout passes (its CLOSE still arrives: <see cref="LinkEndReason.TimedOut"/>). The
    /// harness uses it to prove that ending (RM-5).
    /// </summary>
    public void GoSilent() => silent = true;

    /// <summary>
    /// Drops the transport without CLOSE, as a pulled cable or a killed host would: the stream is closed (even with
    /// <see cref="LinkClientOptions.LeaveOpen"/>) and the session ends here as <see cref="LinkEndReason.StreamClosed"/>;
    /// the board ends its side when it sees the stream end (RM-5).
    /// </summary>
    public async Task DropAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        End(LinkEndReason.StreamClosed);
        await Quietly(readLoop).ConfigureAwait(false);
        await Quietly(keepAlive).ConfigureAwait(false);
        await Quietly(dispatcher).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (established && !ended.Task.IsCompleted)
        {
            await CloseAsync().ConfigureAwait(false);
        }

        End(LinkEndReason.Closed);
        await Quietly(readLoop).ConfigureAwait(false);
        await Quietly(keepAlive).ConfigureAwait(false);
        await Quietly(dispatcher).ConfigureAwait(false);
        if (!options.LeaveOpen)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    // ---- handshake ----

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        // No flush needed: a partial frame that noise left in the board's decoder is dropped when the line goes
        // idle, and the bytes it swallowed (this HELLO included) are searched again; a lost HELLO is sent again.
        byte[] scratch = new byte[LinkAuth.ScratchSize];
        byte[] mac = new byte[LinkAuth.MacSize];
        for (uint attempt = 1; attempt <= options.HandshakeAttempts; attempt++)
        {
            byte[] helloBody = BuildHello();
            await WriteAsync(BuildFrame(FrameKind.Hello, FrameFlags.None, attempt, 0, 0, helloBody), cancellationToken).ConfigureAwait(false);
            ControlFrame? reply = await WaitControlAsync(FrameKind.HelloReply, attempt, cancellationToken).ConfigureAwait(false);
            if (reply == null)
            {
                Log($"link: no HELLO_REPLY to attempt {attempt}");
                continue;
            }

            if (reply.IsError)
            {
                if (reply.Reason == RefusalReason.ReplayedNonce)
                {
                    // A duplicate of this HELLO reached the board after the original: try a fresh nonce.
                    continue;
                }

                throw new LinkRefusedException(reply.Reason, reply.A);
            }

            var r = new HelloReply();
            if (r.Decode(reply.Body, 0, reply.Body.Length) != DecodeError.None)
            {
                throw new LinkException($"the board's HELLO_REPLY is malformed ({reply.Body.Length} bytes)");
            }

            int kind = HelloReply.ReadKind(reply.Body, 0);
            if (developmentKey && kind != BoardKind.Emulated)
            {
                // Before the proofs: a real board (any key) hears nothing derived from the public key.
                throw new LinkDevelopmentKeyException(Describe(r, kind));
            }

            LinkAuth.BoardProof(hmac, helloBody, 0, reply.Body, 0, scratch, mac, 0);
            if (!LinkAuth.MacEquals(mac, 0, reply.Body, HelloReply.OffProof))
            {
                throw new LinkAuthenticationException("the board could not prove it holds this host's key: wrong key for this board?");
            }

            if (r.MaxBody < LinkLimits.MinBody || r.MaxBody > options.MaxBody || r.Window < 1 || r.Window > options.Window)
            {
                throw new LinkException($"the board granted limits outside those asked for (body {r.MaxBody}, window {r.Window})");
            }

            BoardInfo info = Describe(r, kind);
            if (options.ExpectedBootId is { } expected && !expected.AsSpan().SequenceEqual(r.BootId))
            {
                throw new BoardResetException(expected, info);
            }

            LinkAuth.HostProof(hmac, helloBody, 0, reply.Body, 0, scratch, mac, 0);
            byte[] auth = BuildFrame(FrameKind.Auth, FrameFlags.None, attempt, 0, 0, mac);
            for (int send = 0; send < options.HandshakeAttempts; send++)
            {
                await WriteAsync(auth, cancellationToken).ConfigureAwait(false);
                ControlFrame? accepted = await WaitControlAsync(FrameKind.AuthReply, attempt, cancellationToken).ConfigureAwait(false);
                if (accepted == null)
                {
                    continue;
                }

                if (!accepted.IsError)
                {
                    board = info with { SessionSlot = accepted.A };
                    decoder.MaxBody = Math.Min(r.MaxBody, decoder.CapacityBody);
                    window = new SemaphoreSlim(r.Window, r.Window);
                    established = true;
                    lastReceivedMs = Environment.TickCount64;
                    Log($"link: connected to {board}");
                    return;
                }

                if (accepted.Reason == RefusalReason.BadMac)
                {
                    throw new LinkAuthenticationException("the board refused this host's proof: wrong key for this board?");
                }

                if (accepted.Reason is RefusalReason.NoHandshake or RefusalReason.StaleHandshake)
                {
                    break;
                }

                throw new LinkRefusedException(accepted.Reason, accepted.A);
            }
        }

        throw new LinkHandshakeTimeoutException(options.HandshakeAttempts, Counters.BytesIn, Counters.FramesIn, Counters.FrameDrops);
    }

    /// <summary>The board as HELLO_REPLY presents it (session slot -1 until AUTH_REPLY names one).</summary>
    private static BoardInfo Describe(HelloReply r, int kind) => new(
        LinkText.Read(r.Name, 0, HelloReply.TextSize),
        LinkText.Read(r.Model, 0, HelloReply.TextSize),
        LinkText.Read(r.Firmware, 0, HelloReply.TextSize),
        r.BootId.ToArray(),
        r.MaxBody,
        r.Window,
        r.Features,
        TimeSpan.FromMilliseconds(r.SessionTimeoutMs),
        -1)
    {
        Kind = kind,
    };

    private byte[] BuildHello()
    {
        var hello = new HelloRequest { MaxBody = options.MaxBody, Window = options.Window, Features = options.Features };
        options.HostId.CopyTo(hello.HostId, 0);
        RandomNumberGenerator.Fill(hello.HostNonce);
        byte[] body = new byte[HelloRequest.Size];
        hello.Encode(body, 0);
        return body;
    }

    private async Task<ControlFrame?> WaitControlAsync(FrameKind kind, uint seq, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
        timeout.CancelAfter(options.HandshakeTimeout);
        try
        {
            while (true)
            {
                ControlFrame f = await handshakeFrames.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                if (f.Kind == kind && f.Seq == seq)
                {
                    return f;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !lifetime.IsCancellationRequested)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            throw new LinkSessionEndedException(ended.Task.IsCompleted ? ended.Task.Result : LinkEndReason.StreamClosed);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LinkSessionEndedException(ended.Task.IsCompleted ? ended.Task.Result : LinkEndReason.StreamClosed);
        }
    }

    // ---- requests ----

    private async Task<BoardReply> SendSequencedAsync(FrameKind kind, int a, int b, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token))
        {
            try
            {
                await window.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ThrowIfEnded();
                throw;
            }
        }

        Pending p;
        lock (gate)
        {
            if (ended.Task.IsCompleted)
            {
                window.Release();
                ThrowIfEnded();
            }

            uint seq = nextSeq++;
            p = new Pending(seq, kind, BuildFrame(kind, FrameFlags.None, seq, a, b, body.Span));
            pending.Add(seq, p);
            Counters.Sequenced(kind == FrameKind.Declare);
        }

        return await DeliverAsync(p).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends, and sends again with the same sequence number, until the reply arrives or the session ends.</summary>
    private async Task<BoardReply> DeliverAsync(Pending p)
    {
        try
        {
            for (int attempt = 1; attempt <= options.MaxAttempts; attempt++)
            {
                if (attempt > 1)
                {
                    Counters.Retransmit();
                }

                await WriteAsync(p.Wire, lifetime.Token).ConfigureAwait(false);
                long sentMs = Environment.TickCount64;
                while (true)
                {
                    // The timeout counts from the later of this send and the last sign of a reply arriving, so a long
                    // reply still on a slow line (180 ms for 16 KiB at 921,600 baud, 1.4 s at 115,200) is not taken
                    // for a loss; a lost frame leaves the board silent (it holds later requests), which ends the wait.
                    long quietSince = Math.Max(sentMs, Volatile.Read(ref lastReplyProgressMs));
                    long leftMs = quietSince + (long)options.RetransmitTimeout.TotalMilliseconds - Environment.TickCount64;
                    if (leftMs <= 0)
                    {
                        break;
                    }

                    try
                    {
                        return await p.Reply.Task.WaitAsync(TimeSpan.FromMilliseconds(leftMs), lifetime.Token).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                    }
                }
            }

            Log($"link: request {p.Seq} unanswered after {options.MaxAttempts} sends");
            End(LinkEndReason.Unresponsive);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (LinkSessionEndedException)
        {
        }

        return await p.Reply.Task.ConfigureAwait(false);
    }

    private void ThrowIfEnded()
    {
        if (ended.Task.IsCompleted)
        {
            throw new LinkSessionEndedException(ended.Task.Result);
        }

        if (!established)
        {
            throw new InvalidOperationException("not connected");
        }
    }

    // ---- receiving ----

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                int n = await stream.ReadAsync(readBuffer, lifetime.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    End(LinkEndReason.StreamClosed);
                    return;
                }

                Counters.BytesRead(n);
                int offset = 0;
                while (true)
                {
                    // Until NeedMore: a failed frame may leave whole frames held in the decoder.
                    offset += decoder.Feed(readBuffer, offset, n - offset);
                    if (decoder.Status == FrameDecodeStatus.NeedMore)
                    {
                        break;
                    }

                    if (decoder.Status == FrameDecodeStatus.Frame)
                    {
                        OnFrame();
                    }
                    else if (decoder.Status == FrameDecodeStatus.Dropped)
                    {
                        Counters.FrameDrop();
                    }
                }

                if (decoder.PartialLength > LongestShortFrame)
                {
                    // Longer than any event or pong: a reply (or handshake answer) is arriving.
                    Volatile.Write(ref lastReplyProgressMs, Environment.TickCount64);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A transport error, or a fault of this client: either way nothing more can be read reliably.
            End(LinkEndReason.StreamFailed, e);
        }
    }

    private void OnFrame()
    {
        FrameHeader h = decoder.Header;
        Counters.FrameIn();
        Volatile.Write(ref lastReceivedMs, Environment.TickCount64);
        byte[] body = decoder.Buffer.AsSpan(decoder.BodyOffset, decoder.BodyLength).ToArray();
        switch (h.Kind)
        {
            case FrameKind.HelloReply:
            case FrameKind.AuthReply:
                if (!established)
                {
                    handshakeFrames.Writer.TryWrite(new ControlFrame(h.Kind, h.Flags, h.Reason, h.Seq, h.A, body));
                }

                return;
            case FrameKind.Reply:
                OnReply(h, body);
                return;
            case FrameKind.Event:
                OnEvent(h, body);
                return;
            case FrameKind.Close:
                if (established)
                {
                    Log($"link: the board closed the session: {RefusalReasons.Name(h.Reason)}");
                    End(h.Reason switch
                    {
                        RefusalReason.SessionReplaced => LinkEndReason.Replaced,
                        RefusalReason.SessionTimeout => LinkEndReason.TimedOut,
                        RefusalReason.ClosedByHost => LinkEndReason.Closed,
                        _ => LinkEndReason.ClosedByBoard,
                    });
                }

                return;
            default:
                // PONG refreshes lastReceivedMs (above); unknown kinds from a newer board are ignored.
                return;
        }
    }

    private void OnReply(FrameHeader h, byte[] body)
    {
        if (!established)
        {
            return;
        }

        if (h.Reason == RefusalReason.NotAuthenticated)
        {
            Log("link: the board no longer knows this session (it reset, or ended the session)");
            lock (gate)
            {
                if (pending.TryGetValue(h.Seq, out Pending? refused))
                {
                    Counters.Unexecuted(refused.Kind == FrameKind.Declare); // as every frame of this session still to come
                }
            }

            End(LinkEndReason.SessionLost);
            return;
        }

        Volatile.Write(ref lastReplyProgressMs, Environment.TickCount64);
        Pending? p;
        int release = 0;
        lock (gate)
        {
            if (!pending.Remove(h.Seq, out p))
            {
                Counters.LateReply();
                return;
            }

            answeredAhead.Add(h.Seq);
            while (answeredAhead.Remove(baseSeq))
            {
                baseSeq++;
                release++;
            }
        }

        // The window slides only past answered sequence numbers, so no request is ever sent at or beyond
        // base + window: the board can always hold it and still has the cached replies of everything unanswered.
        if (release > 0)
        {
            window.Release(release);
        }

        if (h.Reason == RefusalReason.UndeclaredPid)
        {
            Counters.Unexecuted(p.Kind == FrameKind.Declare);
        }

        p.Reply.TrySetResult(new BoardReply(h.IsError, h.A, h.IsError ? Array.Empty<byte>() : body) { Seq = h.Seq, Reason = h.Reason });
    }

    private void OnEvent(FrameHeader h, byte[] body)
    {
        int value = body.Length >= EventBody.Size ? LittleEndian.ReadI32(body, EventBody.OffValue) : 0;
        uint counter = h.Seq;
        long lost = 0;
        if (counter != 0)
        {
            if (lastEventCounter.TryGetValue(h.A, out uint last))
            {
                int ahead = (int)(counter - last);
                if (ahead <= 0)
                {
                    Counters.StaleEvent();
                    return;
                }

                lost = ahead - 1;
            }

            lastEventCounter[h.A] = counter;
        }

        Counters.EventReceived(lost);
        if (lost > 0)
        {
            Log($"link: {lost} event(s) of source {h.A} lost");
        }

        events.Writer.TryWrite(new BoardEvent(h.A, h.B, value, counter, lost));
    }

    private async Task DispatchEventsAsync()
    {
        await foreach (BoardEvent e in events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Action<BoardEvent>[] targets;
            lock (subscribers)
            {
                targets = subscribers.ToArray();
            }

            foreach (Action<BoardEvent> target in targets)
            {
                try
                {
                    target(e);
                }
                catch (Exception ex)
                {
                    Log($"link: an event subscriber threw: {ex.Message}");
                }
            }
        }
    }

    // ---- liveness ----

    private async Task KeepAliveLoopAsync()
    {
        TimeSpan sessionTimeout = Board.SessionTimeout > TimeSpan.Zero ? Board.SessionTimeout : TimeSpan.FromSeconds(10);
        TimeSpan interval = options.PingInterval < sessionTimeout / 3 ? options.PingInterval : sessionTimeout / 3;
        TimeSpan silence = options.SilenceTimeout ?? sessionTimeout;
        TimeSpan tick = interval / 4 > TimeSpan.FromMilliseconds(10) ? interval / 4 : TimeSpan.FromMilliseconds(10);
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(lifetime.Token).ConfigureAwait(false))
            {
                long now = Environment.TickCount64;
                if (silent)
                {
                    continue;
                }

                if (now - Volatile.Read(ref lastReceivedMs) > (long)silence.TotalMilliseconds)
                {
                    Log("link: nothing heard from the board within the silence timeout");
                    End(LinkEndReason.Unresponsive);
                    return;
                }

                if (now - Volatile.Read(ref lastSentMs) >= (long)interval.TotalMilliseconds)
                {
                    Counters.Ping();
                    await WriteAsync(BuildFrame(FrameKind.Ping, FrameFlags.None, ++pingSeq, 0, 0, ReadOnlySpan<byte>.Empty), lifetime.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (LinkSessionEndedException)
        {
        }
    }

    // ---- writing and ending ----

    private async Task WriteAsync(byte[] wire, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(wire, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref lastSentMs, Environment.TickCount64);
            Counters.FrameOut();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            End(LinkEndReason.StreamFailed, e);
            throw new LinkSessionEndedException(LinkEndReason.StreamFailed, e);
        }
        finally
        {
            writeGate.Release();
        }
    }

    private void End(LinkEndReason reason, Exception? cause = null)
    {
        if (!ended.TrySetResult(reason))
        {
            return;
        }

        if (cause != null)
        {
            Log($"link: session ended ({reason}): {cause.Message}");
        }

        Pending[] failed;
        lock (gate)
        {
            failed = pending.Values.ToArray();
            pending.Clear();
        }

        var exception = new LinkSessionEndedException(reason, cause);
        foreach (Pending p in failed)
        {
            p.Reply.TrySetException(exception);
        }

        handshakeFrames.Writer.TryComplete();
        events.Writer.TryComplete();
        lifetime.Cancel();
    }

    /// <summary>After a failed ConnectAsync: stop reading (the stream stays the caller's).</summary>
    private async Task AbandonAsync()
    {
        End(LinkEndReason.Closed);
        await Quietly(readLoop).ConfigureAwait(false);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or LinkException or IOException or ObjectDisposedException)
        {
        }
    }

    private void Log(string message) => options.Log?.Invoke(message);

    private static byte[] BuildFrame(FrameKind kind, FrameFlags flags, uint seq, int a, int b, ReadOnlySpan<byte> body)
    {
        byte[] frame = new byte[LinkLimits.FrameLength(body.Length)];
        FrameHeader.Write(frame, 0, kind, flags, RefusalReason.None, seq, a, b);
        body.CopyTo(frame.AsSpan(FrameHeader.Size));
        byte[] wire = new byte[LinkLimits.WireLength(body.Length)];
        int n = FrameEncoder.Encode(frame, 0, body.Length, wire, 0, SystemCrc32.Instance);
        return wire.AsSpan(0, n).ToArray();
    }

    private static byte[] BuildFrame(FrameKind kind, FrameFlags flags, uint seq, int a, int b, byte[] body) =>
        BuildFrame(kind, flags, seq, a, b, body.AsSpan());

    private sealed record ControlFrame(FrameKind Kind, FrameFlags Flags, RefusalReason Reason, uint Seq, int A, byte[] Body)
    {
        public bool IsError => (Flags & FrameFlags.Error) != 0;
    }

    private sealed class Pending
    {
        public Pending(uint seq, FrameKind kind, byte[] wire)
        {
            Seq = seq;
            Kind = kind;
            Wire = wire;
        }

        public uint Seq { get; }

        /// <summary>REQUEST or DECLARE.</summary>
        public FrameKind Kind { get; }

        public byte[] Wire { get; }

        public TaskCompletionSource<BoardReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Subscription : IDisposable
    {
        private readonly LinkClient client;
        private readonly Action<BoardEvent> handler;

        public Subscription(LinkClient client, Action<BoardEvent> handler)
        {
            this.client = client;
            this.handler = handler;
        }

        public void Dispose()
        {
            lock (client.subscribers)
            {
                client.subscribers.Remove(handler);
            }
        }
    }
}
