using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Targets;

namespace Gateway.Host.Conformance.Targets;

/// <summary>
/// <c>pty:</c>, <c>serial:</c> and <c>tcp://</c> (and <c>emu:</c> through the link, as <c>link+emu:</c>): the
/// link's <see cref="BoardTarget"/>, each scenario on a fresh authenticated session.
/// </summary>
public sealed class LinkTargetFactory : ITargetFactory
{
    public IReadOnlyList<string> Schemes { get; } = new[] { "pty", "serial", "tcp", "link+emu" };

    public ITarget Create(TargetUri uri, TargetSettings settings)
    {
        string text = uri.Scheme == "link+emu" ? uri.Text["link+".Length..] : uri.Text;
        try
        {
            return new LinkTarget(uri.Text, BoardTarget.Create(text, new TargetOptions { KeyFile = settings.KeyFile, ConnectTimeout = settings.ConnectTimeout }), uri);
        }
        catch (TargetException e) when (e.IsUsageError)
        {
            throw new TargetUriException(e.Message);
        }
    }
}

/// <summary>A board over the link. Board width and quirks pinned by the URI (pty:) skip scenarios needing others; for real boards /fw/map decides.</summary>
public sealed class LinkTarget(string uri, BoardTarget board, TargetUri parsed) : ITarget, IAsyncDisposable
{
    public string Uri { get; } = uri;

    public string? CannotProvide(TargetRequirements requirements)
    {
        if (parsed.Scheme is "pty" or "link+emu")
        {
            int bits = parsed.Options.TryGetValue("bits", out string? b) && b == "32" ? 32 : 64;
            if (requirements.Bits is int want && want != bits)
            {
                return $"needs a {want}-bit board; {Uri} is {bits}-bit";
            }

            if (requirements.Quirks && !(parsed.Options.TryGetValue("quirks", out string? q) && q == "1"))
            {
                return $"needs the quirk resources; add ?quirks=1 to {Uri}";
            }
        }

        return null;
    }

    public async Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, CancellationToken cancellationToken = default)
    {
        try
        {
            return new LinkSession(Uri, await board.OpenSessionAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (TargetException e)
        {
            throw new TargetUnreachableException(e.Message, e);
        }
    }

    public ValueTask DisposeAsync() => board.DisposeAsync();
}

/// <summary>One link session: its channel, the board's boot id, and its events.</summary>
public sealed class LinkSession : ITargetSession
{
    private readonly ConcurrentQueue<BoardEvent> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly IDisposable subscription;

    public LinkSession(string uri, BoardSession session)
    {
        Session = session;
        Description = $"{uri} ({session.Board})";
        BootId = session.Board.BootIdHex;
        subscription = session.Client.Subscribe(e =>
        {
            events.Enqueue(new BoardEvent(e.Source, e.Code, e.Value, e.Counter));
            arrived.Release();
        });
    }

    public BoardSession Session { get; }

    public IBoardChannel Channel => Session.Channel;

    public string Description { get; }

    public string BootId { get; }

    /// <summary>The link reports a restarted board as a lost session; the runner then compares boot ids.</summary>
    public bool ResetDetected => false;

    public async Task<BoardEvent?> NextEventAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (await arrived.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && events.TryDequeue(out BoardEvent e))
        {
            return e;
        }

        return null;
    }

    /// <summary>
    /// A real board's clock cannot be moved: the real time passes, at most <see cref="MaxRealWait"/> (device
    /// timings such as an EEPROM write cycle are milliseconds; lingers run on the memory manager's own clock, which
    /// the runner moves by the whole amount).
    /// </summary>
    public Task AdvanceAsync(TimeSpan time, CancellationToken cancellationToken = default) =>
        Task.Delay(time < MaxRealWait ? time : MaxRealWait, cancellationToken);

    public static readonly TimeSpan MaxRealWait = TimeSpan.FromSeconds(1);

    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        try
        {
            await Session.Client.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is Link.LinkException or System.IO.IOException or ObjectDisposedException or OperationCanceledException)
        {
        }

        arrived.Dispose();
    }
}
