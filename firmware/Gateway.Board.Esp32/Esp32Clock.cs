using System;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// The ESP32's clock: the tick counter since boot for timeouts, DateTime.UtcNow for stat times (it
    /// starts at the epoch of the firmware unless set, e.g. by SNTP over Wi-Fi or by the host).
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        private const long UnixEpochTicks = 621355968000000000;
        private const long TicksPerSecond = 10000000;

        public long MonotonicMs
        {
            get { return Environment.TickCount64; }
        }

        public void UtcNow(out long seconds, out int nanoseconds)
        {
            long ticks = DateTime.UtcNow.Ticks - UnixEpochTicks;
            seconds = ticks / TicksPerSecond;
            nanoseconds = (int)(ticks % TicksPerSecond) * 100;
        }
    }
}
