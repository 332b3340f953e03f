using System;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// This start's boot id (link.md §3): 16 bytes that must be new at every reset — the host sees the reset by it,
    /// and the board's handshake challenges are derived from it, so a repeated boot id would let a recorded
    /// HELLO+AUTH replay. They come from the chip's hardware RNG: on the ESP32 targets nanoFramework implements
    /// <see cref="Random"/> natively on ESP-IDF's <c>esp_random()</c> (nf-interpreter
    /// <c>targets/ESP32/_nanoCLR/targetRandom.cpp</c>: every byte of <see cref="Random.NextBytes"/> is a fresh
    /// hardware draw and the seed is ignored), so no package beyond mscorlib is needed (boards/esp32-devkitc).
    /// The tick count is folded in only as a guard should a firmware build ever map Random to a software generator.
    /// </summary>
    public static class BootId
    {
        public static byte[] Create()
        {
            byte[] id = new byte[16];
            new Random().NextBytes(id);
            long ticks = Environment.TickCount64;
            for (int i = 0; i < 8; i++)
            {
                id[i] ^= (byte)(ticks >> (8 * i));
            }

            return id;
        }
    }
}
