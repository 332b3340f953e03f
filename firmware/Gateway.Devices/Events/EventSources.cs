using Gateway.Protocol.Link;

namespace Gateway.Devices.Events
{
    /// <summary>Event sources and codes the devices raise (link EVENT frames, link.md §8).</summary>
    public static class EventSources
    {
        /// <summary>GPIO bank n raises source <c>GpioBankBase + n</c>.</summary>
        public const int GpioBankBase = 1;

        /// <summary>The SPI controller behind /dev/spi0.</summary>
        public const int Spi0 = 32;

        /// <summary>A GPIO bank latched edges; the value is the pins whose edge was latched.</summary>
        public const int CodeGpioEdge = 1;

        /// <summary>An SPI transfer finished; the value is the byte count.</summary>
        public const int CodeSpiDone = 2;

        /// <summary>An SPI transfer failed; the value is the QNX errno.</summary>
        public const int CodeSpiError = 3;
    }
}
