using System;
using System.Linq;
using Gateway.Host.Bench;

namespace Gateway.Host.Tests.Bench;

/// <summary>
/// The per-request path of <c>gateway bench</c> (performance.md §1.1): the five steady-state requests go through the
/// emulated board's resource manager, are answered as expected (the routine checks each reply), and allocate
/// nothing per request. Timings are reported, never judged here.
/// </summary>
public sealed class RequestPathTests
{
    [Fact]
    public void MeasureAll_SteadyState_FiveRequestsAnsweredWithoutAllocating()
    {
        // RM-15 (mapping OCB reused), MM-7 (page-in), MM-8 (register store), rules.md §0 (EPERM).
        var rows = RequestPath.MeasureAll(30);

        Assert.Equal(
            new[] { RequestPath.Mmap, RequestPath.PageIn, RequestPath.RegisterStore, RequestPath.RegisterLoad, RequestPath.UndeclaredPid },
            rows.Select(r => r.Request).ToArray());
        Assert.All(rows, r =>
        {
            Assert.True(r.Requests >= 3000, $"{r.Request}: {r.Requests} requests");
            Assert.True(r.Ns > 0, r.Request);
            Assert.True(r.AllocatedBytesPerRequest == 0, $"{r.Request}: {r.AllocatedBytes} bytes over {r.Requests} requests");
        });
    }

    [Fact]
    public void Time_OneObjectPerCall_ShowsAsItsSizePerCall()
    {
        object? keep = null;
        var t = NsTimer.Time(n => { for (int i = 0; i < n; i++) { keep = new object(); } return n; }, 6);

        Assert.NotNull(keep);
        Assert.InRange(t.BytesPerCall, IntPtr.Size * 3, 64);
        Assert.True(t.AllocatedBytes >= t.BytesPerCall * t.Calls);
        Assert.Equal(0, NsTimer.Time(n => n, 6).BytesPerCall);
    }
}
