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

    private readonly IClock _clock;
    private readonly int _writeTimeMs;
    private readonly byte[] _array = new byte[Size];
    private readonly byte[] _page = new byte[PageSize];
    private readonly object _gate = new();

    private Phase _phase;
    private byte _command;
    private int _address;
    private int _dataBytes;
    private bool _wel;
    private bool _busy;
    private long _busyUntilMs;
    private int _writeCycles;

    public Eeprom25LC256(IClock clock, int writeTimeMs = DefaultWriteTimeMs)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(writeTimeMs);
        _clock = clock;
        _writeTimeMs = writeTimeMs;
        Array.Fill(_array, (byte)0xFF);
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
            lock (_gate)
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
            lock (_gate)
            {
                return _writeCycles;
            }
        }
    }

    /// <summary>Reads the array directly, bypassing SPI (for tests and diagnostics).</summary>
    public void Peek(int address, byte[] buffer, int offset, int count)
    {
        CheckRange(address, count);
        lock (_gate)
        {
            Array.Copy(_array, address, buffer, offset, count);
        }
    }

    /// <summary>Loads the array directly, bypassing SPI (pre-programmed contents).</summary>
    public void Load(int address, byte[] buffer, int offset, int count)
    {
        CheckRange(address, count);
        lock (_gate)
        {
            Array.Copy(buffer, offset, _array, address, count);
        }
    }

    public void Select(int mode, int clockHz)
    {
        lock (_gate)
        {
            // The 25LC256 samples on rising SCLK edges: modes 0 and 3 only.
            _phase = mode == 0 || mode == 3 ? Phase.Command : Phase.Ignore;
            _command = 0;
            _dataBytes = 0;
        }
    }

    public byte Exchange(byte mosi)
    {
        lock (_gate)
        {
            switch (_phase)
            {
                case Phase.Command:
                    StartCommand(mosi);
                    return Floating;
                case Phase.AddressHigh:
                    _address = mosi << 8;
                    _phase = Phase.AddressLow;
                    return Floating;
                case Phase.AddressLow:
                    _address = (_address | mosi) & AddressMask;
                    if (_command == Write)
                    {
                        Array.Copy(_array, _address & ~(PageSize - 1), _page, 0, PageSize);
                    }

                    _phase = Phase.Data;
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
        lock (_gate)
        {
            if (_phase != Phase.Ignore && !BusyLocked())
            {
                switch (_command)
                {
                    case WriteEnable:
                        _wel = true;
                        break;
                    case WriteDisable:
                        _wel = false;
                        break;
                    case Write when _phase == Phase.Data && _dataBytes > 0:
                        StartWriteCycle();
                        break;
                }
            }

            _phase = Phase.Idle;
        }
    }

    private void StartCommand(byte command)
    {
        _command = command;
        if (BusyLocked() && command != ReadStatus)
        {
            _phase = Phase.Ignore;
            return;
        }

        switch (command)
        {
            case Read:
                _phase = Phase.AddressHigh;
                break;
            case Write:
                // Without WEL the chip ignores the whole instruction.
                _phase = _wel ? Phase.AddressHigh : Phase.Ignore;
                break;
            case ReadStatus:
                _phase = Phase.Status;
                break;
            case WriteEnable:
            case WriteDisable:
                // Take effect when CS rises; further bytes are ignored.
                _phase = Phase.Idle;
                break;
            default:
                _phase = Phase.Ignore;
                break;
        }
    }

    private byte DataByte(byte mosi)
    {
        if (_command == Read)
        {
            byte value = _array[_address];
            _address = (_address + 1) & AddressMask;
            return value;
        }

        // WRITE: the address counter wraps within the page.
        _page[_address & (PageSize - 1)] = mosi;
        _address = (_address & ~(PageSize - 1)) | ((_address + 1) & (PageSize - 1));
        _dataBytes++;
        return Floating;
    }

    private void StartWriteCycle()
    {
        Array.Copy(_page, 0, _array, _address & ~(PageSize - 1), PageSize);
        _writeCycles++;
        if (_writeTimeMs == 0)
        {
            _wel = false;
            return;
        }

        _busy = true;
        _busyUntilMs = _clock.MonotonicMs + _writeTimeMs;
    }

    private bool BusyLocked()
    {
        if (_busy && _clock.MonotonicMs >= _busyUntilMs)
        {
            _busy = false;
            _wel = false;
        }

        return _busy;
    }

    private byte StatusLocked()
    {
        bool busy = BusyLocked();
        return (byte)((busy ? StatusWip : 0) | (_wel ? StatusWel : 0));
    }

    private static void CheckRange(int address, int count)
    {
        if (address < 0 || count < 0 || address > Size - count)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "Outside the 32 KiB array.");
        }
    }
}
