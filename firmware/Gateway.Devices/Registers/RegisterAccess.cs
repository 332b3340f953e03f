using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.ResourceManager;

namespace Gateway.Devices.Registers
{
    /// <summary>Register access types (hardware-docs/register-maps.md).</summary>
    public static class RegisterAccess
    {
        public const string ReadOnly = "RO";
        public const string ReadWrite = "RW";
        public const string WriteOnly = "WO";
        public const string WriteOneToClear = "RW1C";
    }
}
