using System;
using Gateway.Devices.Hal;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>What the last transfer on a <see cref="SimulatedSpiBus"/> asked for (for tests of the SPI region).</summary>
public sealed record SpiTransferRecord(int ChipSelect, int Mode, int ClockHz, int WordBits, int Count);
