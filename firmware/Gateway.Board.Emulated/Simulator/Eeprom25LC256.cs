using System;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>
/// A Microchip 25LC256 SPI EEPROM (rules.md §5): 32 KiB, 16-bit addresses (A15 ignored), 64-byte
/// pages, modes 0 and 3.
/// </summary>
/// <remarks>
/// <code>
/// command  byte  then                          effect
/// READ     0x03  addr hi, addr lo, data out…   sequential read, wraps from 0x7FFF to 0x0000
/// WRITE    0x02  addr hi, addr lo, data in…    needs WEL; bytes wrap within the 64-byte page; the
///                                              write cycle starts when CS rises after ≥ 1 data byte
/// WRDI     0x04  —                             clears WEL (at CS rise)
/// RDSR     0x05  status out, repeated…         bit 0 WIP, bit 1 WEL; re-read each byte
/// WREN     0x06  —                             sets WEL (at CS rise)
/// </code>
/// MISO is 0xFF while the command and address bytes go out and for anything ignored. During a write
/// cycle (WIP = 1 for <c>writeTimeMs</c> of the board clock) every command but RDSR is ignored; WEL stays
/// set until the cycle completes and then clears. A WRITE without WEL is ignored. Not modelled: WRSR and
/// block protection, HOLD and WP, clock limits; a transfer in mode 1 or 2 is not understood and ignored.
/// A fresh array reads 0xFF (erased).
/// </remarks>
public sealed class Eeprom25LC256 : ISimulatedSpiDevice
{
    public const int Size = 32 * 1024;
    public const int PageSize = 64;
    public const int DefaultWriteTimeMs = 5;

    public const byte Read = 0x03;
    public const byte Write = 0x02;
    public const byte WriteDisable = 0x04;
    public const byte ReadStatus = 0x05;
    public const byte WriteEnable = 0x06;

    /// <summary>Status bit 0: write in progress.</summary>
    public const byte StatusWip = 0x01;

    /// <summary>Status bit 1: write enable latch.</summary>
    public const byte StatusWel = 0x02;

    private const byte Floating = 0xFF;
    private const int AddressMask = Size - 1;

    private readonly IClock clock;
    private readonly int writeTimeMs;
    private readonly byte[] array = new byte[Size];
    private readonly byte[] page = new byte[PageSize];
    private readonly object gate = new();

    private Phase phase;
    private byte command;
    private int address;
    private int dataBytes;
    private bool wel;
    private bool busy;
    private long busyUntilMs;
    private int writeCycles;

    public Eeprom25LC256(IClock clock, int writeTimeMs = DefaultWriteTimeMs)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(writeTimeMs);
        this.clock = clock;
        this.writeTimeMs = writeTimeMs;
        Array.Fill(array, (byte)0xFF);
    }

    private enum Phase
    {
        Idle,
        Command,
        AddressHigh,
        AddressLow,
        Data,
        Status,
        Ignore,
    }

    /// <summary>The status register as RDSR would read it now.</summary>
    public byte Status
    {
        get
        {
            lock (gate)
            {
                return StatusLocked();
            }
        }
    }

    /// <summary>Write cycles started so far.</summary>
    public int WriteCycles
    {
        get
        {
            lock (gate)
            {
                return writeCycles;
            }
        }
    }

    /// <summary>Reads the array directly, bypassing SPI (for tests and diagnostics).</summary>
    public void Peek(int address, byte[] buffer, int offset, int count)
    {
        CheckRange(address, count);
        lock (gate)
        {
            Array.Copy(array, address, buffer, offset, count);
        }
    }

    /// <summary>Loads the array directly, bypassing SPI (pre-programmed contents).</summary>
    public void Load(int address, byte[] buffer, int offset, int count)
    {
        CheckRange(address, count);
        lock (gate)
        {
            Array.Copy(buffer, offset, array, address, count);
        }
    }

    public void Select(int mode, int clockHz)
    {
        lock (gate)
        {
            // The 25LC256 samples on rising SCLK edges: modes 0 and 3 only.
            phase = mode == 0 || mode == 3 ? Phase.Command : Phase.Ignore;
            this.command = 0;
            dataBytes = 0;
        }
    }

    public byte Exchange(byte mosi)
    {
        lock (gate)
        {
            switch (phase)
            {
                case Phase.Command:
                    StartCommand(mosi);
                    return Floating;
                case Phase.AddressHigh:
                    this.address = mosi << 8;
                    phase = Phase.AddressLow;
                    return Floating;
                case Phase.AddressLow:
                    this.address = (this.address | mosi) & AddressMask;
                    if (this.command == Write)
                    {
                        Array.Copy(array, this.address & ~(PageSize - 1), page, 0, PageSize);
                    }

                    phase = Phase.Data;
                    return Floating;
                case Phase.Data:
                    return DataByte(mosi);
                case Phase.Status:
                    return StatusLocked();
                default:
                    return Floating;
            }
        }
    }

    public void Deselect()
    {
        lock (gate)
        {
            if (phase != Phase.Ignore && !BusyLocked())
            {
                switch (this.command)
                {
                    case WriteEnable:
                        wel = true;
                        break;
                    case WriteDisable:
                        wel = false;
                        break;
                    case Write when phase == Phase.Data && dataBytes > 0:
                        StartWriteCycle();
                        break;
                }
            }

            phase = Phase.Idle;
        }
    }

    private void StartCommand(byte command)
    {
        this.command = command;
        if (BusyLocked() && command != ReadStatus)
        {
            phase = Phase.Ignore;
            return;
        }

        switch (command)
        {
            case Read:
                phase = Phase.AddressHigh;
                break;
            case Write:
                // Without WEL the chip ignores the whole instruction.
                phase = wel ? Phase.AddressHigh : Phase.Ignore;
                break;
            case ReadStatus:
                phase = Phase.Status;
                break;
            case WriteEnable:
            case WriteDisable:
                // Take effect when CS rises; further bytes are ignored.
                phase = Phase.Idle;
                break;
            default:
                phase = Phase.Ignore;
                break;
        }
    }

    private byte DataByte(byte mosi)
    {
        if (this.command == Read)
        {
            byte value = array[this.address];
            this.address = (this.address + 1) & AddressMask;
            return value;
        }

        // WRITE: the address counter wraps within the page.
        page[this.address & (PageSize - 1)] = mosi;
        this.address = (this.address & ~(PageSize - 1)) | ((this.address + 1) & (PageSize - 1));
        dataBytes++;
        return Floating;
    }

    private void StartWriteCycle()
    {
        Array.Copy(page, 0, array, this.address & ~(PageSize - 1), PageSize);
        writeCycles++;
        if (this.writeTimeMs == 0)
        {
            wel = false;
            return;
        }

        this.busy = true;
        busyUntilMs = this.clock.MonotonicMs + this.writeTimeMs;
    }

    private bool BusyLocked()
    {
        if (this.busy && this.clock.MonotonicMs >= busyUntilMs)
        {
            this.busy = false;
            wel = false;
        }

        return this.busy;
    }

    private byte StatusLocked()
    {
        bool busy = BusyLocked();
        return (byte)((busy ? StatusWip : 0) | (wel ? StatusWel : 0));
    }

    private static void CheckRange(int address, int count)
    {
        if (address < 0 || count < 0 || address > Size - count)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "Outside the 32 KiB array.");
        }
    }
}
