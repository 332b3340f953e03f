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
    public void AllocatedBytesPerRequest_OneSmallObjectPerRequest_Shows()
    {
        var r = new RequestPathResult("x", 100, 10_000, 24 * 10_000 + 208);

        Assert.Equal(24, r.AllocatedBytesPerRequest);
        Assert.Equal(0, new RequestPathResult("x", 100, 10_000, 208).AllocatedBytesPerRequest);
    }
}
