using System.Linq;
using System.Text.Json;
using Gateway.Host.Bench;

namespace Gateway.Host.Tests.Bench;

/// <summary><c>gateway bench --json</c> carries the per-request tables in the report's snake_case.</summary>
public sealed class BenchReportJsonTests
{
    [Fact]
    public void ToJson_PerRequest_RequestsAndPiecesInSnakeCase()
    {
        var perRequest = new PerRequestReport(
            new[] { new RequestPathResult(RequestPath.Mmap, 180.5, 30_000, 208, 0) },
            new[] { new RequestPieceResult("LittleEndian.Zero", "184 B", 60, 5, 184, 0, "one Array.Clear") });
        var report = new BenchReport(new MachineInfo(2, "cpu", "rt", "os"), false, "Virtual", [], [], [], [], [], [], [], perRequest);

        using var json = JsonDocument.Parse(report.ToJson());
        var p = json.RootElement.GetProperty("per_request");
        var request = p.GetProperty("requests")[0];
        var piece = p.GetProperty("pieces")[0];

        Assert.Equal(
            new[] { "request", "ns", "requests", "allocated_bytes", "allocated_bytes_per_request" }.Order(),
            request.EnumerateObject().Select(o => o.Name).Order());
        Assert.Equal(RequestPath.Mmap, request.GetProperty("request").GetString());
        Assert.Equal(0, request.GetProperty("allocated_bytes_per_request").GetInt64());
        Assert.Equal(
            new[] { "piece", "input", "old_ns", "new_ns", "ratio", "old_loop_iterations", "new_loop_iterations", "new_work" }.Order(),
            piece.EnumerateObject().Select(o => o.Name).Order());
        Assert.Equal(12.0, piece.GetProperty("ratio").GetDouble());
        Assert.Equal(184.0, piece.GetProperty("old_loop_iterations").GetDouble());
    }
}
