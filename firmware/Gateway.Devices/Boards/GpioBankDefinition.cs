using Gateway.Devices.Hal;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
    /// <summary>A GPIO bank of the board: its name under /dev/gpio, its HAL, and its physical window (0 = none).</summary>
    public sealed class GpioBankDefinition
    {
        public string Name;
        public IGpioBank Bank;
        public ulong PhysicalBase;

        public GpioBankDefinition(string name, IGpioBank bank, ulong physicalBase)
        {
            Name = name;
            Bank = bank;
            PhysicalBase = physicalBase;
        }
    }
}
