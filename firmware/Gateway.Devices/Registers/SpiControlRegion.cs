using Gateway.Devices.Events;
using Gateway.Devices.Hal;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;

namespace Gateway.Devices.Registers
{
    /// <summary>
    /// /dev/spi0/ctl (hardware-docs/register-maps.md "spi-control"): writing 1 to GO runs the full-duplex
    /// transfer of LENGTH bytes from the TX half of /dev/spi0/buf into its RX half through the HAL, before the
    /// write is answered; then DONE is set, ERROR holds the errno of the HAL's result (<see cref="SpiErrno"/>), COUNT advances and an event is raised.
    /// The documented use is the cache-maintenance sequence: store TX through /dev/spi0/buf, msync(MS_SYNC),
    /// write GO, msync(MS_INVALIDATE) on RX, load.
    /// </summary>
    public sealed class SpiControlRegion : RegisterRegion
    {
        public const int Go = 0x00;
        public const int Busy = 0x04;
        public const int Done = 0x08;
        public const int Error = 0x0C;
        public const int Length = 0x10;
        public const int ChipSelect = 0x14;
        public const int Mode = 0x18;
        public const int Clock = 0x1C;
        public const int WordBits = 0x20;
        public const int Count = 0x24;
        public const int RegionSize = 4096;
        public const uint DefaultClockHz = 1000000;

        private readonly ISpiBus bus;
        private readonly SpiBuffer buffer;
        private readonly IEventSink events;
        private readonly RegisterInfo[] registers;
        private uint done;
        private uint error;
        private uint length;
        private uint chipSelect;
        private uint mode;
        private uint clock = DefaultClockHz;
        private uint wordBits = 8;
        private uint count;

        public SpiControlRegion(ISpiBus bus, SpiBuffer buffer, IEventSink events)
            : base(RegionSize, "spi-control")
        {
            this.bus = bus;
            this.buffer = buffer;
            this.events = events;
            registers = new RegisterInfo[]
            {
                new RegisterInfo("GO", Go, RegisterAccess.WriteOnly, 0),
                new RegisterInfo("BUSY", Busy, RegisterAccess.ReadOnly, 0),
                new RegisterInfo("DONE", Done, RegisterAccess.WriteOneToClear, 0),
                new RegisterInfo("ERROR", Error, RegisterAccess.ReadOnly, 0),
                new RegisterInfo("LENGTH", Length, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("CHIP_SELECT", ChipSelect, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("MODE", Mode, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("CLOCK_HZ", Clock, RegisterAccess.ReadWrite, DefaultClockHz),
                new RegisterInfo("WORD_BITS", WordBits, RegisterAccess.ReadWrite, 8),
                new RegisterInfo("COUNT", Count, RegisterAccess.ReadOnly, 0),
            };
        }

        public override RegisterInfo[] Registers
        {
            get { return registers; }
        }

        public override uint ReadWord(int offset)
        {
            switch (offset)
            {
                case Busy: return 0; // transfers complete before the GO write is answered
                case Done: return done;
                case Error: return error;
                case Length: return length;
                case ChipSelect: return chipSelect;
                case Mode: return mode;
                case Clock: return clock;
                case WordBits: return wordBits;
                case Count: return count;
                default: return 0;
            }
        }

        public override void WriteWord(int offset, uint value)
        {
            switch (offset)
            {
                case Go:
                    if ((value & 1) != 0)
                    {
                        RunTransfer();
                    }

                    break;
                case Done: done &= ~value; break;
                case Length: length = value; break;
                case ChipSelect: chipSelect = value; break;
                case Mode: mode = value; break;
                case Clock: clock = value; break;
                case WordBits: wordBits = value; break;
                default: break;
            }
        }

        private void RunTransfer()
        {
            int e;
            if (length > SpiBuffer.HalfSize || chipSelect > 0xFFFF || mode > 3 || clock == 0 || clock > int.MaxValue || wordBits > 32)
            {
                e = SpiErrno.Of(SpiResult.InvalidTransfer); // a register value no bus takes, refused before the casts to int
            }
            else if (bus == null)
            {
                e = Errno.ENODEV; // this board has no SPI bus
            }
            else
            {
                e = SpiErrno.Of(Transfer());
            }

            error = (uint)e;
            done = 1;
            count++;
            if (events != null)
            {
                if (e == Errno.EOK)
                {
                    events.Raise(EventSources.Spi0, EventSources.CodeSpiDone, (int)length);
                }
                else
                {
                    events.Raise(EventSources.Spi0, EventSources.CodeSpiError, e);
                }
            }
        }

        private SpiResult Transfer()
        {
            byte[] data = buffer.Data;
            try
            {
                return bus.Transfer((int)chipSelect, (int)mode, (int)clock, (int)wordBits, data, SpiBuffer.TxOffset, data, SpiBuffer.RxOffset, (int)length);
            }
            catch (System.Exception)
            {
                return SpiResult.ControllerFailed; // a failing controller is a transfer error, never a half-done register write
            }
        }
    }
}
