using System;
using System.Threading.Tasks;
using Gateway.Host.Bench;
using Gateway.Protocol.Link;
using Xunit.Abstractions;

namespace Gateway.Host.Tests.Bench;

/// <summary>
/// The bulk read (issue 10) over the real transports it is measured on — the emulated board app in its own process on
/// a pseudo-terminal (both serial implementations) and on TCP loopback, and the in-process pipe: counts and byte
/// ratios only, never durations (those are gateway bench's).
/// </summary>
public sealed class PtyBulkReadTests(ITestOutputHelper output)
{
    private const long Total = 256 << 10;

    [Theory]
    [InlineData(BulkReadTransport.Pty)]
    [InlineData(BulkReadTransport.PtyPorts)]
    [InlineData(BulkReadTransport.Tcp)]
    [InlineData(BulkReadTransport.InProcess)]
    public async Task BulkRead_SixteenKiBReadsOfBothPatterns_EveryByteReadAndChecked(BulkReadTransport transport)
    {
        if (transport is BulkReadTransport.Pty or BulkReadTransport.PtyPorts && !OperatingSystem.IsLinux())
        {
            return;
        }

        var results = await PtyBulkRead.RunAsync(new PtyBulkSettings { Transport = transport, TotalBytes = Total, WarmUpBytes = 64 << 10 });

        Assert.Equal(new[] { BulkPattern.Random, BulkPattern.Zero }, System.Linq.Enumerable.Select(results, r => r.Pattern));
        foreach (var r in results)
        {
            output.WriteLine(r.ToString());
            Assert.Equal((transport, LinkLimits.DesktopBody), (r.Transport, r.NegotiatedBody));
            Assert.Equal((Total / (16 << 10), Total / (32 << 10)), (r.Reads, r.Lseeks)); // a 32 KiB file: back to 0 every two reads
            Assert.Equal((Total, Total), (r.BytesRead, r.BytesChecked));
            Assert.True(r.BoardToHostBytes > r.BytesRead, $"the payload crossed the counted wire: {r.BoardToHostBytes} B board → host");
            Assert.True(r.HostReads >= r.Reads + r.Lseeks, $"every reply reached the host in one piece or more: {r.HostReads} reads");
            Assert.True(r.WirePerPayload <= 1.02, $"wire ÷ payload {r.WirePerPayload:F4} at 16 KiB reads (budget ≤ 1.02)");
            Assert.True(r.P99Microseconds >= r.P50Microseconds && r.P50Microseconds > 0);
        }
    }

    [Theory]
    [InlineData(40 << 10, 256 << 10)]
    [InlineData(32 << 10, (256 << 10) + 1)]
    public void Settings_ReadsNotWhole_Refused(int fileBytes, long totalBytes)
    {
        var settings = new PtyBulkSettings { FileBytes = fileBytes, TotalBytes = totalBytes };

        Assert.Throws<ArgumentOutOfRangeException>(settings.Validate);
    }
}
