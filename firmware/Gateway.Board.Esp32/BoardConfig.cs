using Gateway.Protocol.Qnx;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The ESP32's fixed limits (system.md §3): one session, window 2, frames of one page plus headroom,
    /// 16 OCBs; a 32-bit board that prefers the T32_2001 stat form.
    /// </summary>
    public static class BoardConfig
    {
        public const string Name = "gateway-esp32";
        public const string FirmwareVersion = "0.1.0";

        public const int Sessions = 1;
        public const int Window = 2;
        public const int Ocbs = 16;

        /// <summary>One 4096-byte page plus 256 bytes for QNX message headers (LinkLimits.MinBody).</summary>
        public const int MaxBody = 4096 + 256;

        /// <summary>The board's own pointer width: 32-bit, so _STAT_FORM_PREFERRED means T32_2001.</summary>
        public const bool Is64Bit = false;

        public const int PreferredStatForm = StatForm.T32_2001;

        /// <summary>Link UART speed (8N1).</summary>
        public const int LinkBaud = 921600;

        /// <summary>UART receive buffer: two frames' worth, so a frame arriving while one is handled is kept.</summary>
        public const int LinkReadBuffer = 2 * MaxBody + 512;

        /// <summary>The device windows /dev/mem declares: bank0's register block.</summary>
        public const uint Bank0WindowAddress = 0xFE200000;
        public const int Bank0WindowSize = 4096;
    }
}
