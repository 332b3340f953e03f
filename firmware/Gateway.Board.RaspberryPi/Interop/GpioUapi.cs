using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gateway.Board.RaspberryPi.Interop;

/// <summary>
/// The Linux GPIO character device, uAPI v2 (<c>/usr/include/linux/gpio.h</c>, Linux ≥ 5.10), under the
/// kernel's names. Every structure has the same layout on 32- and 64-bit userspace (the header pads
/// explicitly and aligns u64 fields); tests/Gateway.Board.Tests checks sizes, offsets and ioctl numbers
/// against the header with gcc.
/// </summary>
internal static class GpioUapi
{
    public const int GPIO_MAX_NAME_SIZE = 32;
    public const int GPIO_V2_LINES_MAX = 64;
    public const int GPIO_V2_LINE_NUM_ATTRS_MAX = 10;

    private const uint GpioIoctlType = 0xB4;

    public static readonly uint GPIO_GET_CHIPINFO_IOCTL = Ioctl.IoR(GpioIoctlType, 0x01, GpioChipInfo.Size);
    public static readonly uint GPIO_V2_GET_LINEINFO_IOCTL = Ioctl.IoWR(GpioIoctlType, 0x05, GpioV2LineInfo.Size);
    public static readonly uint GPIO_V2_GET_LINE_IOCTL = Ioctl.IoWR(GpioIoctlType, 0x07, GpioV2LineRequest.Size);
    public static readonly uint GPIO_V2_LINE_SET_CONFIG_IOCTL = Ioctl.IoWR(GpioIoctlType, 0x0D, GpioV2LineConfig.Size);
    public static readonly uint GPIO_V2_LINE_GET_VALUES_IOCTL = Ioctl.IoWR(GpioIoctlType, 0x0E, GpioV2LineValues.Size);
    public static readonly uint GPIO_V2_LINE_SET_VALUES_IOCTL = Ioctl.IoWR(GpioIoctlType, 0x0F, GpioV2LineValues.Size);

    // enum gpio_v2_line_flag
    public const ulong GPIO_V2_LINE_FLAG_USED = 1UL << 0;
    public const ulong GPIO_V2_LINE_FLAG_ACTIVE_LOW = 1UL << 1;
    public const ulong GPIO_V2_LINE_FLAG_INPUT = 1UL << 2;
    public const ulong GPIO_V2_LINE_FLAG_OUTPUT = 1UL << 3;
    public const ulong GPIO_V2_LINE_FLAG_EDGE_RISING = 1UL << 4;
    public const ulong GPIO_V2_LINE_FLAG_EDGE_FALLING = 1UL << 5;
    public const ulong GPIO_V2_LINE_FLAG_OPEN_DRAIN = 1UL << 6;
    public const ulong GPIO_V2_LINE_FLAG_OPEN_SOURCE = 1UL << 7;
    public const ulong GPIO_V2_LINE_FLAG_BIAS_PULL_UP = 1UL << 8;
    public const ulong GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN = 1UL << 9;
    public const ulong GPIO_V2_LINE_FLAG_BIAS_DISABLED = 1UL << 10;
    public const ulong GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME = 1UL << 11;

    // enum gpio_v2_line_attr_id
    public const uint GPIO_V2_LINE_ATTR_ID_FLAGS = 1;
    public const uint GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES = 2;
    public const uint GPIO_V2_LINE_ATTR_ID_DEBOUNCE = 3;

    // enum gpio_v2_line_event_id
    public const uint GPIO_V2_LINE_EVENT_RISING_EDGE = 1;
    public const uint GPIO_V2_LINE_EVENT_FALLING_EDGE = 2;
}

/// <summary>
/// <c>struct gpiochip_info</c> (68 bytes):
/// <code>
///  0  char  name[32]    e.g. "gpiochip0"
/// 32  char  label[32]   "pinctrl-bcm2711" (Pi 4), "pinctrl-rp1" (Pi 5)
/// 64  u32   lines
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct GpioChipInfo
{
    public const int Size = 68;
    public const int NameOffset = 0;
    public const int LabelOffset = 32;
    public const int LinesOffset = 64;

    [FieldOffset(NameOffset)] public fixed byte Name[GpioUapi.GPIO_MAX_NAME_SIZE];
    [FieldOffset(LabelOffset)] public fixed byte Label[GpioUapi.GPIO_MAX_NAME_SIZE];
    [FieldOffset(LinesOffset)] public uint Lines;
}

/// <summary>
/// <c>struct gpio_v2_line_info</c> (256 bytes), GPIO_V2_GET_LINEINFO_IOCTL on the chip fd: fill in <c>offset</c>,
/// the kernel fills in the rest (who holds the line, its flags):
/// <code>
///   0  char  name[32]        the line's name from the device tree, e.g. "GPIO17"
///  32  char  consumer[32]    who holds it: a request's consumer label, or a kernel driver's
///  64  u32   offset          in: the line number on the chip
///  68  u32   num_attrs
///  72  u64   flags           GPIO_V2_LINE_FLAG_*; USED when anything holds the line
///  80  struct gpio_v2_line_attribute attrs[10]
/// 240  u32   padding[4]      must be zero
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct GpioV2LineInfo
{
    public const int Size = 256;
    public const int NameOffset = 0;
    public const int ConsumerOffset = 32;
    public const int OffsetOffset = 64;
    public const int NumAttrsOffset = 68;
    public const int FlagsOffset = 72;
    public const int AttrsOffset = 80;
    public const int PaddingOffset = 240;
    public const int PaddingCount = 4;

    [FieldOffset(NameOffset)] public fixed byte Name[GpioUapi.GPIO_MAX_NAME_SIZE];
    [FieldOffset(ConsumerOffset)] public fixed byte Consumer[GpioUapi.GPIO_MAX_NAME_SIZE];
    [FieldOffset(OffsetOffset)] public uint Offset;
    [FieldOffset(NumAttrsOffset)] public uint NumAttrs;
    [FieldOffset(FlagsOffset)] public ulong Flags;
    [FieldOffset(AttrsOffset)] public GpioV2LineAttributes Attrs;
    [FieldOffset(PaddingOffset)] public fixed uint Padding[PaddingCount];
}

/// <summary>The ten <c>attrs</c> of a line info, inline.</summary>
[InlineArray(GpioUapi.GPIO_V2_LINE_NUM_ATTRS_MAX)]
internal struct GpioV2LineAttributes
{
    private GpioV2LineAttribute first;
}

/// <summary>
/// <c>struct gpio_v2_line_values</c> (16 bytes); bits are indexed by position in the request's
/// <c>offsets</c>, not by line number:
/// <code>
///  0  u64  bits
///  8  u64  mask
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct GpioV2LineValues
{
    public const int Size = 16;
    public const int BitsOffset = 0;
    public const int MaskOffset = 8;

    [FieldOffset(BitsOffset)] public ulong Bits;
    [FieldOffset(MaskOffset)] public ulong Mask;
}

/// <summary>
/// <c>struct gpio_v2_line_attribute</c> (16 bytes):
/// <code>
///  0  u32  id                 GPIO_V2_LINE_ATTR_ID_*
///  4  u32  padding
///  8  union { u64 flags; u64 values; u32 debounce_period_us; }
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct GpioV2LineAttribute
{
    public const int Size = 16;
    public const int IdOffset = 0;
    public const int PaddingOffset = 4;
    public const int UnionOffset = 8;

    [FieldOffset(IdOffset)] public uint Id;
    [FieldOffset(PaddingOffset)] public uint Padding;
    [FieldOffset(UnionOffset)] public ulong Flags;
    [FieldOffset(UnionOffset)] public ulong Values;
    [FieldOffset(UnionOffset)] public uint DebouncePeriodUs;
}

/// <summary>
/// <c>struct gpio_v2_line_config_attribute</c> (24 bytes):
/// <code>
///  0  struct gpio_v2_line_attribute  attr
/// 16  u64                            mask   lines (request positions) it applies to
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct GpioV2LineConfigAttribute
{
    public const int Size = 24;
    public const int AttrOffset = 0;
    public const int MaskOffset = 16;

    [FieldOffset(AttrOffset)] public GpioV2LineAttribute Attr;
    [FieldOffset(MaskOffset)] public ulong Mask;
}

/// <summary>The ten <c>attrs</c> of a line config, inline.</summary>
[InlineArray(GpioUapi.GPIO_V2_LINE_NUM_ATTRS_MAX)]
internal struct GpioV2LineConfigAttributes
{
    private GpioV2LineConfigAttribute first;
}

/// <summary>
/// <c>struct gpio_v2_line_config</c> (272 bytes):
/// <code>
///  0  u64  flags              default flags of every line no attribute names
///  8  u32  num_attrs
/// 12  u32  padding[5]
/// 32  struct gpio_v2_line_config_attribute attrs[10]
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct GpioV2LineConfig
{
    public const int Size = 272;
    public const int FlagsOffset = 0;
    public const int NumAttrsOffset = 8;
    public const int PaddingOffset = 12;
    public const int PaddingCount = 5;
    public const int AttrsOffset = 32;

    [FieldOffset(FlagsOffset)] public ulong Flags;
    [FieldOffset(NumAttrsOffset)] public uint NumAttrs;
    [FieldOffset(PaddingOffset)] public fixed uint Padding[PaddingCount];
    [FieldOffset(AttrsOffset)] public GpioV2LineConfigAttributes Attrs;
}

/// <summary>
/// <c>struct gpio_v2_line_request</c> (592 bytes), the argument of GPIO_V2_GET_LINE_IOCTL:
/// <code>
///   0  u32   offsets[64]        line numbers on the chip, in request order
/// 256  char  consumer[32]
/// 288  struct gpio_v2_line_config config
/// 560  u32   num_lines
/// 564  u32   event_buffer_size  0 = kernel default (16 per line)
/// 568  u32   padding[5]
/// 588  s32   fd                 out: the line request's file descriptor
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct GpioV2LineRequest
{
    public const int Size = 592;
    public const int OffsetsOffset = 0;
    public const int ConsumerOffset = 256;
    public const int ConfigOffset = 288;
    public const int NumLinesOffset = 560;
    public const int EventBufferSizeOffset = 564;
    public const int PaddingOffset = 568;
    public const int PaddingCount = 5;
    public const int FdOffset = 588;

    [FieldOffset(OffsetsOffset)] public fixed uint Offsets[GpioUapi.GPIO_V2_LINES_MAX];
    [FieldOffset(ConsumerOffset)] public fixed byte Consumer[GpioUapi.GPIO_MAX_NAME_SIZE];
    [FieldOffset(ConfigOffset)] public GpioV2LineConfig Config;
    [FieldOffset(NumLinesOffset)] public uint NumLines;
    [FieldOffset(EventBufferSizeOffset)] public uint EventBufferSize;
    [FieldOffset(PaddingOffset)] public fixed uint Padding[PaddingCount];
    [FieldOffset(FdOffset)] public int Fd;
}

/// <summary>
/// <c>struct gpio_v2_line_event</c> (48 bytes), read from a line request's fd:
/// <code>
///  0  u64  timestamp_ns
///  8  u32  id            GPIO_V2_LINE_EVENT_RISING_EDGE 1 / _FALLING_EDGE 2
/// 12  u32  offset        the line number on the chip
/// 16  u32  seqno         across the request
/// 20  u32  line_seqno    for this line
/// 24  u32  padding[6]
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct GpioV2LineEvent
{
    public const int Size = 48;
    public const int TimestampNsOffset = 0;
    public const int IdOffset = 8;
    public const int OffsetOffset = 12;
    public const int SeqnoOffset = 16;
    public const int LineSeqnoOffset = 20;
    public const int PaddingOffset = 24;
    public const int PaddingCount = 6;

    [FieldOffset(TimestampNsOffset)] public ulong TimestampNs;
    [FieldOffset(IdOffset)] public uint Id;
    [FieldOffset(OffsetOffset)] public uint Offset;
    [FieldOffset(SeqnoOffset)] public uint Seqno;
    [FieldOffset(LineSeqnoOffset)] public uint LineSeqno;
    [FieldOffset(PaddingOffset)] public fixed uint Padding[PaddingCount];
}
