using Gateway.Devices.Events;
using Gateway.Devices.Hal;
using Gateway.Protocol.Link;

namespace Gateway.Devices.Registers
{
    /// <summary>
    /// The register file of a GPIO bank (/dev/gpio/bankN, hardware-docs/register-maps.md "gpio-bank"), built
    /// on the HAL's mask/value verbs. 32-bit registers, word access only (RM-2a); writes to read-only
    /// registers are ignored, write-only registers read 0, offsets with no register read 0 (rules.md §5).
    /// Edges on pins enabled in RISE_EN/FALL_EN are latched in EDGE_STATUS (write 1 to clear), counted in
    /// EVENT_COUNT, and raised as events.
    /// </summary>
    public sealed class GpioBankRegion : RegisterRegion
    {
        public const int Input = 0x00;
        public const int Output = 0x04;
        public const int Direction = 0x08;
        public const int Set = 0x0C;
        public const int Clear = 0x10;
        public const int Toggle = 0x14;
        public const int PullUp = 0x18;
        public const int PullDown = 0x1C;
        public const int RiseEnable = 0x20;
        public const int FallEnable = 0x24;
        public const int EdgeStatus = 0x28;
        public const int EventCount = 0x2C;
        public const int Present = 0x30;
        public const int RegionSize = 4096;

        private readonly IGpioBank bank;
        private readonly IEventSink events;
        private readonly int eventSource;
        private readonly object sync = new object();
        private readonly uint present;
        private readonly RegisterInfo[] registers;
        private uint latch;
        private uint direction;
        private uint pullUp;
        private uint pullDown;
        private uint riseEnable;
        private uint fallEnable;
        private uint edgeStatus;
        private uint eventCount;

        public GpioBankRegion(IGpioBank bank, int bankIndex, IEventSink events)
            : base(RegionSize, "gpio-bank")
        {
            this.bank = bank;
            this.events = events;
            eventSource = EventSources.GpioBankBase + bankIndex;
            present = bank.PresentPins;
            registers = new RegisterInfo[]
            {
                new RegisterInfo("INPUT", Input, RegisterAccess.ReadOnly, 0),
                new RegisterInfo("OUTPUT", Output, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("DIRECTION", Direction, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("SET", Set, RegisterAccess.WriteOnly, 0),
                new RegisterInfo("CLEAR", Clear, RegisterAccess.WriteOnly, 0),
                new RegisterInfo("TOGGLE", Toggle, RegisterAccess.WriteOnly, 0),
                new RegisterInfo("PULLUP", PullUp, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("PULLDOWN", PullDown, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("RISE_EN", RiseEnable, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("FALL_EN", FallEnable, RegisterAccess.ReadWrite, 0),
                new RegisterInfo("EDGE_STATUS", EdgeStatus, RegisterAccess.WriteOneToClear, 0),
                new RegisterInfo("EVENT_COUNT", EventCount, RegisterAccess.ReadOnly, 0),
                new RegisterInfo("PRESENT", Present, RegisterAccess.ReadOnly, present),
            };

            // Reset: all inputs, latch 0, no pulls, no edge detection.
            bank.SetDirections(present, 0);
            bank.WriteOutputs(present, 0);
            bank.SetPulls(present, 0, 0);
            bank.EnableEdges(0, 0);
            bank.EdgeDetected += OnEdges;
        }

        public uint PresentPins
        {
            get { return present; }
        }

        public int PinCount
        {
            get { return bank.PinCount; }
        }

        public int EventSource
        {
            get { return eventSource; }
        }

        public override RegisterInfo[] Registers
        {
            get { return registers; }
        }

        public override uint ReadWord(int offset)
        {
            if (offset == Input)
            {
                return bank.ReadInputs() & present;
            }

            lock (sync)
            {
                switch (offset)
                {
                    case Output: return latch;
                    case Direction: return direction;
                    case PullUp: return pullUp;
                    case PullDown: return pullDown;
                    case RiseEnable: return riseEnable;
                    case FallEnable: return fallEnable;
                    case EdgeStatus: return edgeStatus;
                    case EventCount: return eventCount;
                    case Present: return present;
                    default: return 0; // write-only registers and offsets with no register
                }
            }
        }

        public override void WriteWord(int offset, uint value)
        {
            value &= present;
            switch (offset)
            {
                case Output: SetLatch(value); break;
                case Set: SetLatch(LatchNow() | value); break;
                case Clear: SetLatch(LatchNow() & ~value); break;
                case Toggle: SetLatch(LatchNow() ^ value); break;
                case Direction:
                    lock (sync)
                    {
                        direction = value;
                    }

                    bank.SetDirections(present, value);
                    break;
                case PullUp:
                case PullDown:
                    uint up, down;
                    lock (sync)
                    {
                        if (offset == PullUp)
                        {
                            pullUp = value;
                        }
                        else
                        {
                            pullDown = value;
                        }

                        up = pullUp;
                        down = pullDown & ~pullUp;
                    }

                    // The HAL is called outside the lock: its edge callback takes the lock.
                    bank.SetPulls(present, up, down);
                    break;
                case RiseEnable:
                case FallEnable:
                    uint rise, fall;
                    lock (sync)
                    {
                        if (offset == RiseEnable)
                        {
                            riseEnable = value;
                        }
                        else
                        {
                            fallEnable = value;
                        }

                        rise = riseEnable;
                        fall = fallEnable;
                    }

                    bank.EnableEdges(rise, fall);
                    break;
                case EdgeStatus:
                    lock (sync)
                    {
                        edgeStatus &= ~value;
                    }

                    break;
                default:
                    break; // read-only registers and offsets with no register ignore writes
            }
        }

        private uint LatchNow()
        {
            lock (sync)
            {
                return latch;
            }
        }

        private void SetLatch(uint value)
        {
            lock (sync)
            {
                latch = value;
            }

            // Outside the lock: a looped output raises edges on this bank synchronously.
            bank.WriteOutputs(present, value);
        }

        private void OnEdges(uint rising, uint falling)
        {
            uint latched;
            lock (sync)
            {
                latched = ((rising & riseEnable) | (falling & fallEnable)) & present;
                if (latched == 0)
                {
                    return;
                }

                edgeStatus |= latched;
                eventCount += (uint)BitCount(latched);
            }

            if (events != null)
            {
                events.Raise(eventSource, EventSources.CodeGpioEdge, (int)latched);
            }
        }

        private static int BitCount(uint v)
        {
            int n = 0;
            while (v != 0)
            {
                v &= v - 1;
                n++;
            }

            return n;
        }
    }
}
