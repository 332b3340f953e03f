using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>A page-in run made ready by <see cref="PageInBench.PrepareAsync"/>: measure it once, then dispose it.</summary>
public sealed class PreparedPageIn : IAsyncDisposable
{
    private readonly BenchRig rig;
    private readonly int fd;
    private bool measured;

    internal PreparedPageIn(PageInSettings settings, BenchRig rig, int fd)
    {
        Settings = settings;
        this.rig = rig;
        this.fd = fd;
    }

    public PageInSettings Settings { get; }

    public Task<PageInResult> MeasureAsync()
    {
        if (measured)
        {
            throw new InvalidOperationException("a prepared page-in is measured once (its pages are cached afterwards only while mapped, but the counts start from the preparation)");
        }

        measured = true;
        return PageInBench.MeasureAsync(Settings, rig, fd);
    }

    public ValueTask DisposeAsync() => rig.DisposeAsync();
}
