using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Emulated;

/// <summary>How an emulated board is built (target options <c>emu:?bits=32&amp;quirks=1</c>).</summary>
public sealed class EmulatedBoardOptions
{
    /// <summary>64-bit board (preferred stat form T64_2008) unless false (T32_2001).</summary>
    public bool Is64Bit { get; init; } = true;

    /// <summary>Adds the /quirks resources.</summary>
    public bool Quirks { get; init; }

    /// <summary>The board clock; a real-time clock when null. Tests pass a SimulatedClock.</summary>
    public IClock? Clock { get; init; }

    /// <summary>Where the board logs (nowhere when null).</summary>
    public ILog? Log { get; init; }

    /// <summary>The pre-shared key; the documented development key (boards/emulated) when null.</summary>
    public byte[]? Key { get; init; }

    /// <summary>The link's tables; <see cref="BoardLinkConfig.Emulated"/> when null.</summary>
    public BoardLinkConfig? Link { get; init; }
}
