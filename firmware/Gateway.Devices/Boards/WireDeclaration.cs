using Gateway.Devices.Hal;
using Gateway.Protocol.Platform;
using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
    /// <summary>A test wire the board declares in /fw/map (e.g. bank0 output pin 4 looped to input pin 5).</summary>
    public sealed class WireDeclaration
    {
        public string FromBank;
        public int FromPin;
        public string ToBank;
        public int ToPin;

        public WireDeclaration(string fromBank, int fromPin, string toBank, int toPin)
        {
            FromBank = fromBank;
            FromPin = fromPin;
            ToBank = toBank;
            ToPin = toPin;
        }
    }
}
