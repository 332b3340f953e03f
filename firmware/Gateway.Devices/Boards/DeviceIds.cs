namespace Gateway.Devices.Boards
{
    /// <summary>
    /// st_rdev of each device: a per-resource constant, stable across boots (rules.md §5). The high byte is
    /// the device class, the low byte the instance. S_IFNAM entries carry their subtype instead.
    /// </summary>
    public static class DeviceIds
    {
        public const uint GpioBankBase = 0x0100;
        public const uint SpiControl = 0x0200;
        public const uint SpiBuffer = 0x0201;
        public const uint Removable = 0x0300;
        public const uint Console = 0x0400;
        public const uint Memory = 0x0500;
        public const uint Status = 0x0600;
        public const uint Quirk = 0x0F00;
    }
}
