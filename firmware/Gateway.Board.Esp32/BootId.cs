using System;

namespace Gateway.Board.Esp32
{
    /// <summary>
    /// This start's boot id (link.md): 16 bytes that differ at every reset, so the host sees the reset and
    /// drops its mappings. nanoFramework's <see cref="Random"/> is seeded by the firmware at start; the tick
    /// count at the call is folded in as well (it varies with the boot path, e.g. Wi-Fi or a debugger attach).
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
