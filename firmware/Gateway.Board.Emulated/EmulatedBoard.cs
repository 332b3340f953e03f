using Gateway.Board.Emulated.Quirks;
using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Boards;

namespace Gateway.Board.Emulated;

/// <summary>
/// The emulated board: the same board code as the ESP32 and the Pi (link, resource manager, device regions)
/// over the simulator HAL. It is the device under test of the harness and of the test suite.
/// </summary>
public sealed class EmulatedBoard
{
    public EmulatedBoard(EmulatedBoardOptions? options = null)
    {
        Options = options ?? new EmulatedBoardOptions();
        Clock = Options.Clock ?? new HostClock();
        Hardware = new EmulatedHardware(Clock);
        Devices = BoardNamespace.Build(Hardware.Definition(Options.Is64Bit), Clock, Options.Log!);
        if (Options.Quirks)
        {
            QuirkResources.Add(Devices);
            BoardNamespace.RebuildMap(Devices);
        }
    }

    public EmulatedBoardOptions Options { get; }

    public Protocol.Platform.IClock Clock { get; }

    public EmulatedHardware Hardware { get; }

    /// <summary>The built namespace and device regions.</summary>
    public Devices.Boards.Board Devices { get; }

    public ResourceManager.ResourceManager Rm => Devices.Rm;
}
