using System;
using Gateway.Devices.Hal;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// A simulated SPI controller: one <see cref="ISimulatedSpiDevice"/> per chip select, or none (then
/// MISO floats high and every byte reads 0xFF, as on a board with a pull-up on MISO).
/// Words wider than 8 bits are little-endian in the buffers and go out most-significant byte first
/// (see <see cref="ISpiBus"/>). Transfers are serialised.
/// </summary>
public sealed class SimulatedSpiBus : ISpiBus
{
    /// <summary>The MISO byte when no device answers.</summary>
    public const byte IdleMiso = 0xFF;

    private readonly ISimulatedSpiDevice?[] _devices;
    private readonly object _gate = new();
    private SpiTransferRecord? _last;
    private int _transfers;

    public SimulatedSpiBus(int chipSelectCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chipSelectCount, 1);
        _devices = new ISimulatedSpiDevice?[chipSelectCount];
    }

    public int ChipSelectCount => _devices.Length;

    /// <summary>The last transfer that reached the bus, or null.</summary>
    public SpiTransferRecord? LastTransfer
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>Number of transfers that reached the bus (well-formed, count &gt; 0).</summary>
    public int TransferCount
    {
        get
        {
            lock (_gate)
            {
                return _transfers;
            }
        }
    }

    /// <summary>Puts <paramref name="device"/> on <paramref name="chipSelect"/> (null removes it).</summary>
    public void Attach(int chipSelect, ISimulatedSpiDevice? device)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chipSelect);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chipSelect, _devices.Length);
        lock (_gate)
        {
            _devices[chipSelect] = device;
        }
    }

    public ISimulatedSpiDevice? DeviceAt(int chipSelect)
    {
        lock (_gate)
        {
            return _devices[chipSelect];
        }
    }

    public SpiResult Transfer(int chipSelect, int mode, int clockHz, int wordBits,
        byte[] tx, int txOffset, byte[] rx, int rxOffset, int count)
    {
        SpiResult check = SpiTransferCheck.Validate(_devices.Length, chipSelect, mode, clockHz, wordBits,
            tx, txOffset, rx, rxOffset, count);
        if (check != SpiResult.Done || count == 0)
        {
            return check;
        }

        int wordBytes = wordBits / 8;
        lock (_gate)
        {
            _last = new SpiTransferRecord(chipSelect, mode, clockHz, wordBits, count);
            _transfers++;
            var device = _devices[chipSelect];
            device?.Select(mode, clockHz);
            for (int word = 0; word < count; word += wordBytes)
            {
                // Most-significant byte of each little-endian word first, as the shift register sends it.
                for (int b = wordBytes - 1; b >= 0; b--)
                {
                    byte mosi = tx[txOffset + word + b];
                    rx[rxOffset + word + b] = device?.Exchange(mosi) ?? IdleMiso;
                }
            }

            device?.Deselect();
        }

        return SpiResult.Done;
    }
}
