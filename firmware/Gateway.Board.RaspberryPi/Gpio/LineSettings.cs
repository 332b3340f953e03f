using System;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// What a <see cref="LinuxGpioBank"/> has been asked per pin (direction, latch, pulls, edges) and the uAPI flags that
/// follow, per request position. Bias is left alone until asked for: a pin's bias belongs to the board (the Pi's
/// firmware default: BCM GPIO0–8 pull-up, GPIO9–27 pull-down, or a device-tree overlay's) until the register file
/// gives it a pull-up or pull-down; from then on the register file owns it and "no pull" means bias disabled.
/// The register file's reset (PULLUP = PULLDOWN = 0 on every pin) therefore changes no pin's bias.
/// </summary>
internal sealed class LineSettings
{
    private readonly int[] pinOfPosition;

    public LineSettings(int[] pinOfPosition)
    {
        ArgumentNullException.ThrowIfNull(pinOfPosition);
        this.pinOfPosition = pinOfPosition;
    }

    public uint Outputs { get; private set; }

    public uint Latch { get; private set; }

    public uint PullUps { get; private set; }

    public uint PullDowns { get; private set; }

    /// <summary>Pins whose bias the register file has taken over (ever given a pull).</summary>
    public uint BiasOwned { get; private set; }

    public uint Rising { get; private set; }

    public uint Falling { get; private set; }

    public void SetLatch(uint mask, uint values) => Latch = (Latch & ~mask) | (values & mask);

    public void SetDirections(uint mask, uint outputs) => Outputs = (Outputs & ~mask) | (outputs & mask);

    public void SetPulls(uint mask, uint pullUps, uint pullDowns)
    {
        uint up = pullUps & mask;
        uint down = pullDowns & mask & ~up;
        PullUps = (PullUps & ~mask) | up;
        PullDowns = (PullDowns & ~mask) | down;
        BiasOwned |= up | down;
    }

    public void SetEdges(uint rising, uint falling)
    {
        Rising = rising;
        Falling = falling;
    }

    /// <summary>The flags of every request position, in request order.</summary>
    public ulong[] Flags()
    {
        var flags = new ulong[this.pinOfPosition.Length];
        for (int p = 0; p < flags.Length; p++)
        {
            uint bit = 1u << this.pinOfPosition[p];
            flags[p] = LineConfigBuilder.FlagsFor(
                (Outputs & bit) != 0, (PullUps & bit) != 0, (PullDowns & bit) != 0, (Rising & bit) != 0, (Falling & bit) != 0,
                setBias: (BiasOwned & bit) != 0);
        }

        return flags;
    }
}
