using Gateway.Protocol.Link;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The app's own constants. The ESP32 limits (link.md §5) live with the shared code they size:
    /// <see cref="BoardLinkConfig.Esp32"/> (1 session, window 1, frames of one page plus headers),
    /// <c>RmConfig.Esp32()</c> (16 OCBs, a 32-bit board: T32_2001) and <c>BoardDefinition.Esp32()</c>
    /// (one-page shmem and removable, 16 KiB /data; <c>Esp32WithPsram()</c> on a module with PSRAM).
    /// </summary>
    public static class BoardConfig
    {
        public const string Name = "gateway-esp32";
        public const string FirmwareVersion = "0.1.0";

        /// <summary>Link UART speed (8N1).</summary>
        public const int LinkBaud = 921600;

        /// <summary>UART receive buffer: two frames' worth, so a frame arriving while one is handled is kept.</summary>
        public const int LinkReadBuffer = (2 * LinkLimits.MinBody) + 512;

        /// <summary>The device window /dev/mem declares: bank0's register block (the Gateway map, not the chip's).</summary>
        public const ulong Bank0WindowAddress = 0xFE200000;

        /// <summary>How long to wait before reopening the link UART after it closed.</summary>
        public const int ReopenDelayMs = 1000;
    }
}
