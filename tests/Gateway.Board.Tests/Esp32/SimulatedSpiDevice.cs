using System;
using System.Device.Spi;

namespace Gateway.Board.Tests.Esp32;

/// <summary>
/// A System.Device.Spi device whose MISO is wired to its MOSI (every byte clocked out comes back), remembering
/// the settings it was opened with; <see cref="FailNext"/> makes the next transfer throw as a driver error does.
/// </summary>
public sealed class SimulatedSpiDevice : SpiDevice
{
    private readonly SpiConnectionSettings settings;

    public SimulatedSpiDevice(SpiConnectionSettings settings)
    {
        this.settings = settings;
    }

    public bool FailNext;
    public bool Disposed;
    public int Transfers;

    public override SpiConnectionSettings ConnectionSettings => settings;

    public override void Read(Span<byte> buffer) => buffer.Clear();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (FailNext)
        {
            FailNext = false;
            throw new System.IO.IOException("simulated SPI controller failure");
        }

        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException("full duplex needs buffers of one length");
        }

        Transfers++;
        writeBuffer.CopyTo(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
