namespace Gateway.Board.RaspberryPi.Interop;

/// <summary>
/// The generic ioctl request encoding of <c>include/uapi/asm-generic/ioctl.h</c>, used by arm64, arm
/// and x86 alike (so the numbers computed here are the Pi's):
/// <code>
/// bits 31-30  direction (_IOC_WRITE 1, _IOC_READ 2)
/// bits 29-16  argument size (14 bits)
/// bits 15-8   type ("magic")
/// bits 7-0    number
/// </code>
/// </summary>
internal static class Ioctl
{
    public const uint None = 0;
    public const uint Write = 1;
    public const uint Read = 2;

    private const int NumberShift = 0;
    private const int TypeShift = 8;
    private const int SizeShift = 16;
    private const int DirectionShift = 30;
    private const int SizeBits = 14;

    /// <summary>Largest argument size the encoding holds.</summary>
    public const int MaxSize = (1 << SizeBits) - 1;

    public static uint Ioc(uint direction, uint type, uint number, int size) =>
        (direction << DirectionShift) | ((uint)size << SizeShift) | (type << TypeShift) | (number << NumberShift);

    /// <summary>_IOR: the kernel writes the argument.</summary>
    public static uint IoR(uint type, uint number, int size) => Ioc(Read, type, number, size);

    /// <summary>_IOW: the kernel reads the argument.</summary>
    public static uint IoW(uint type, uint number, int size) => Ioc(Write, type, number, size);

    /// <summary>_IOWR: both.</summary>
    public static uint IoWR(uint type, uint number, int size) => Ioc(Read | Write, type, number, size);
}
