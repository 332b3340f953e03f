using System;
using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Protocol.Platform;
using Gateway.InProcess.Fuzz;
using Xunit.Abstractions;

namespace Gateway.Devices.Tests;

/// <summary>
/// The bounded CI run of the fuzz driver (issue 7 item 3): fixed seeds and a fixed number of inputs (a few seconds
/// each), over every message decoder and the dispatcher of a full emulated board (64-bit, and 32-bit with the
/// quirk resources). The same seed gives the same inputs on any machine, so the result never depends on timing
/// (the duration is only a cap). The long mode is
/// <c>dotnet run -c Release --project host/Gateway.Benchmarks -- fuzz</c> (hardware-docs/performance.md).
/// </summary>
public sealed class FuzzTests
{
    private readonly ITestOutputHelper output;

    public FuzzTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static Func<ILog, ResourceManager.ResourceManager>[] Boards { get; } =
    {
        log => new EmulatedBoard(new EmulatedBoardOptions { Clock = new SimulatedClock(), Log = log }).Rm,
        log => new EmulatedBoard(new EmulatedBoardOptions { Is64Bit = false, Quirks = true, Clock = new SimulatedClock(), Log = log }).Rm,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void MutatedMessages_DecodersAndDispatcher_NoFindings(int seed)
    {
        var report = new FuzzRunner(new FuzzOptions
        {
            Seed = seed,
            MaxInputs = 100_000,
            Duration = TimeSpan.FromMinutes(2),
            EpochLength = 128,
            EpochsPerBoard = 16,
            Boards = Boards,
        }).Run();

        output.WriteLine(report.Summary());
        Assert.Equal(100_000, report.Inputs);
        Assert.True(report.Epochs > 0, "no session end was checked");
        Assert.Empty(report.Findings);
    }
}
