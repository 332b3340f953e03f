using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Targets;

namespace Gateway.Host.Tests.Conformance;

/// <summary>Regressions found by scenario writers on <c>emu:</c>: event counters, /fw/map's own size, the board clock.</summary>
public sealed class EmulatedTargetTests
{
    private const string Wire = "{\"format\":1,\"name\":\"t\",\"rules\":[\"§4\"],\"target\":{\"requires\":[\"wiring\"]},\"processes\":[{\"pid\":3,\"uid\":0}],\"steps\":[" +
        "{\"do\":\"open\",\"path\":\"/dev/gpio/{map:wiring.0.from_bank}\",\"oflag\":\"O_RDWR\",\"as\":\"fo\"}," +
        "{\"do\":\"mmap\",\"fd\":\"{fd:fo}\",\"length\":4096,\"prot\":\"PROT_READ|PROT_WRITE\",\"flags\":\"MAP_SHARED\",\"as\":\"out\"}," +
        "{\"do\":\"open\",\"path\":\"/dev/gpio/{map:wiring.0.to_bank}\",\"oflag\":\"O_RDWR\",\"as\":\"fi\"}," +
        "{\"do\":\"mmap\",\"fd\":\"{fd:fi}\",\"length\":4096,\"prot\":\"PROT_READ|PROT_WRITE\",\"flags\":\"MAP_SHARED\",\"as\":\"in\"}," +
        "{\"do\":\"store\",\"addr\":\"{addr:out} + 0x10\",\"width\":4,\"value\":\"1 << {map:wiring.0.from_pin}\"}," +
        "{\"do\":\"store\",\"addr\":\"{addr:out} + 0x08\",\"width\":4,\"value\":\"1 << {map:wiring.0.from_pin}\"}," +
        "{\"do\":\"store\",\"addr\":\"{addr:in} + 0x20\",\"width\":4,\"value\":\"1 << {map:wiring.0.to_pin}\"}," +
        "{\"do\":\"store\",\"addr\":\"{addr:out} + 0x0c\",\"width\":4,\"value\":\"1 << {map:wiring.0.from_pin}\"}," +
        "{\"do\":\"wait_event\",\"source\":\"{map:gpio_banks.0.event_source}\",\"code\":1,\"expect\":{\"count\":1}}," +
        "{\"do\":\"status\",\"expect\":{\"json\":{\"events\":[{\"source\":\"{map:gpio_banks.0.event_source}\",\"count\":1}]}}}]}";

    [Fact]
    public async Task EmuEvents_AreCountedInFwStatus()
    {
        // §4: /fw/status counts every event the board raised, on emu: as over the link.
        ScenarioResult r = await new ScenarioRunner(TargetRegistry.Create("emu:")).RunAsync(ScenarioFile.Parse(Wire, "t.json"));
        Assert.True(r.Outcome == Outcome.Pass, Report.Describe(r));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FwMap_ListsItsOwnSizeAsItsStSize(bool quirks)
    {
        var board = new EmulatedBoard(new EmulatedBoardOptions { Quirks = quirks, Clock = new SimulatedClock() });
        JsonNode map = JsonNode.Parse(Encoding.UTF8.GetString(board.Devices.Map.ToArray()))!;
        JsonNode self = map["resources"]!.AsArray().Single(e => (string?)e!["path"] == "/fw/map")!;
        Assert.Equal(board.Devices.Map.ToArray().Length, (long)self["size"]!);
        Assert.Equal(board.Devices.Map.ToArray().Length, board.Devices.MapAttr.Size);
    }

    [Fact]
    public async Task EmuClock_MovesWithRealTime_UnlessTheScenarioTakesControl()
    {
        await using var running = (EmulatedSession)await TargetRegistry.Create("emu:").OpenSessionAsync(new TargetRequirements());
        await using var held = (EmulatedSession)await TargetRegistry.Create("emu:").OpenSessionAsync(new TargetRequirements { Time = ScenarioTime.Simulated });
        long r0 = running.EmulatedBoard.Clock.MonotonicMs;
        long h0 = held.EmulatedBoard.Clock.MonotonicMs;
        await Task.Delay(50);
        Assert.True(running.EmulatedBoard.Clock.MonotonicMs - r0 >= 40, "the emu: clock follows the real time (an EEPROM write cycle ends without advance)");
        Assert.Equal(h0, held.EmulatedBoard.Clock.MonotonicMs);
        await held.AdvanceAsync(TimeSpan.FromMilliseconds(10));
        Assert.Equal(h0 + 10, held.EmulatedBoard.Clock.MonotonicMs);
    }

    [Fact]
    public async Task SimulatedTime_OnATargetWithoutASimulatedClock_IsSkippedSayingWhy()
    {
        ScenarioResult r = await new ScenarioRunner(new RealTimeTarget()).RunAsync(ScenarioFile.Parse(
            "{\"format\":1,\"name\":\"t\",\"target\":{\"time\":\"simulated\"},\"steps\":[{\"do\":\"advance\",\"ms\":5}]}", "t.json"));
        Assert.Equal(Outcome.Skip, r.Outcome);
        Assert.Contains("only emu: has one", r.SkipReason, StringComparison.Ordinal);
    }

    /// <summary>A target on real time (as every link target is): the emulated board, its clock not offered.</summary>
    private sealed class RealTimeTarget : ITarget
    {
        private readonly ITarget inner = TargetRegistry.Create("emu:");

        public string Uri => "real-time:";

        public string? CannotProvide(TargetRequirements requirements) => inner.CannotProvide(requirements);

        public Task<ITargetSession> OpenSessionAsync(TargetRequirements requirements, System.Threading.CancellationToken cancellationToken = default) =>
            inner.OpenSessionAsync(requirements, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
