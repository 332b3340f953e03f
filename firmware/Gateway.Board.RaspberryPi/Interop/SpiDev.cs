using System.Runtime.InteropServices;

namespace Gateway.Board.RaspberryPi.Interop;

/// <summary>
/// Linux spidev (<c>/usr/include/linux/spi/spidev.h</c>) under the kernel's names. The transfer
/// structure has one layout for 32- and 64-bit userspace; tests check it against the header.
/// </summary>
internal static class SpiDev
{
    private const uint SPI_IOC_MAGIC = (byte)'k';

    /// <summary>SPI_CPHA | SPI_CPOL: the mode bits SPI_IOC_WR_MODE takes for modes 0–3.</summary>
    public const byte SPI_MODE_MASK = 0x03;

    public static readonly uint SPI_IOC_RD_MODE = Ioctl.IoR(SPI_IOC_MAGIC, 1, sizeof(byte));
    public static readonly uint SPI_IOC_WR_MODE = Ioctl.IoW(SPI_IOC_MAGIC, 1, sizeof(byte));
    public static readonly uint SPI_IOC_WR_BITS_PER_WORD = Ioctl.IoW(SPI_IOC_MAGIC, 3, sizeof(byte));
    public static readonly uint SPI_IOC_WR_MAX_SPEED_HZ = Ioctl.IoW(SPI_IOC_MAGIC, 4, sizeof(uint));

    /// <summary>SPI_MSGSIZE(N): N transfers, or 0 when they do not fit the 14-bit size field.</summary>
    public static int SPI_MSGSIZE(int n) => n * SpiIocTransfer.Size <= Ioctl.MaxSize ? n * SpiIocTransfer.Size : 0;

    /// <summary>SPI_IOC_MESSAGE(N): _IOW('k', 0, char[SPI_MSGSIZE(N)]).</summary>
    public static uint SPI_IOC_MESSAGE(int n) => Ioctl.IoW(SPI_IOC_MAGIC, 0, SPI_MSGSIZE(n));
}

/// <summary>
/// <c>struct spi_ioc_transfer</c> (32 bytes):
/// <code>
///  0  u64  tx_buf            user pointer, or 0 (zeros go out)
///  8  u64  rx_buf            user pointer, or 0
/// 16  u32  len               bytes
/// 20  u32  speed_hz          0 = the device's default
/// 24  u16  delay_usecs
/// 26  u8   bits_per_word     0 = the device's default
/// 27  u8   cs_change
/// 28  u8   tx_nbits
/// 29  u8   rx_nbits
/// 30  u8   word_delay_usecs
/// 31  u8   pad
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct SpiIocTransfer
{
    public const int Size = 32;
    public const int TxBufOffset = 0;
    public const int RxBufOffset = 8;
    public const int LenOffset = 16;
    public const int SpeedHzOffset = 20;
    public const int DelayUsecsOffset = 24;
    public const int BitsPerWordOffset = 26;
    public const int CsChangeOffset = 27;
    public const int TxNbitsOffset = 28;
    public const int RxNbitsOffset = 29;
    public const int WordDelayUsecsOffset = 30;
    public const int PadOffset = 31;

    [FieldOffset(TxBufOffset)] public ulong TxBuf;
    [FieldOffset(RxBufOffset)] public ulong RxBuf;
    [FieldOffset(LenOffset)] public uint Len;
    [FieldOffset(SpeedHzOffset)] public uint SpeedHz;
    [FieldOffset(DelayUsecsOffset)] public ushort DelayUsecs;
    [FieldOffset(BitsPerWordOffset)] public byte BitsPerWord;
    [FieldOffset(CsChangeOffset)] public byte CsChange;
    [FieldOffset(TxNbitsOffset)] public byte TxNbits;
    [FieldOffset(RxNbitsOffset)] public byte RxNbits;
    [FieldOffset(WordDelayUsecsOffset)] public byte WordDelayUsecs;
    [FieldOffset(PadOffset)] public byte Pad;
}
