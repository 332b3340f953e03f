namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// A peripheral on one chip select of a <see cref="SimulatedSpiBus"/>, seen one byte at a time as the
/// wire sees it: the chip select goes low, bytes are exchanged (MOSI in, MISO out), the chip select
/// goes high.
/// </summary>
public interface ISimulatedSpiDevice
{
    /// <summary>The chip select was asserted for a transfer in SPI <paramref name="mode"/> at <paramref name="clockHz"/>.</summary>
    void Select(int mode, int clockHz);

    /// <summary>Exchanges one byte: takes the MOSI byte and returns the MISO byte clocked out meanwhile.</summary>
    byte Exchange(byte mosi);

    /// <summary>The chip select was released.</summary>
    void Deselect();
}
