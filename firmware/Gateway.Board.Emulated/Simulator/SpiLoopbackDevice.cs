namespace Gateway.Board.Emulated.Simulator;

/// <summary>A wire from MOSI to MISO on one chip select: every byte comes back as it went out, in any mode.</summary>
public sealed class SpiLoopbackDevice : ISimulatedSpiDevice
{
    public void Select(int mode, int clockHz)
    {
    }

    public byte Exchange(byte mosi) => mosi;

    public void Deselect()
    {
    }
}
