using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.ResourceManager;

namespace Gateway.Devices.Registers
{
    /// <summary>One register of a map: its name, offset, access type and reset value (for /fw/map).</summary>
    public sealed class RegisterInfo
    {
        public readonly string Name;
        public readonly int Offset;
        public readonly string Access;
        public readonly uint Reset;

        public RegisterInfo(string name, int offset, string access, uint reset)
        {
            Name = name;
            Offset = offset;
            Access = access;
            Reset = reset;
        }
    }
}
