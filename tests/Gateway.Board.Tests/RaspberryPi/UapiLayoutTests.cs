using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Gateway.Board.RaspberryPi.Interop;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// The Pi adapters' ioctl structures and numbers against the kernel headers of this machine: each C#
/// value (measured with pointers on the real struct, not read from our constants) is compared with
/// what gcc says about <c>linux/gpio.h</c> and <c>linux/spi/spidev.h</c>. Without gcc the comparison
/// falls back to the values derived by hand from the header (the table below). The uAPI structures
/// have one layout on 32- and 64-bit userspace, and arm64 uses the generic ioctl encoding, so x86-64
/// results hold for the Pi.
/// </summary>
public sealed unsafe class UapiLayoutTests
{
    /// <summary>Derived from the header text: the fallback and a second opinion.</summary>
    private static readonly Dictionary<string, ulong> Derived = new()
    {
        ["sizeof(gpiochip_info)"] = 68, ["offsetof(gpiochip_info,name)"] = 0, ["offsetof(gpiochip_info,label)"] = 32,
        ["offsetof(gpiochip_info,lines)"] = 64,
        ["sizeof(gpio_v2_line_values)"] = 16, ["offsetof(gpio_v2_line_values,bits)"] = 0, ["offsetof(gpio_v2_line_values,mask)"] = 8,
        ["sizeof(gpio_v2_line_attribute)"] = 16, ["offsetof(gpio_v2_line_attribute,id)"] = 0,
        ["offsetof(gpio_v2_line_attribute,padding)"] = 4, ["offsetof(gpio_v2_line_attribute,flags)"] = 8,
        ["offsetof(gpio_v2_line_attribute,values)"] = 8, ["offsetof(gpio_v2_line_attribute,debounce_period_us)"] = 8,
        ["sizeof(gpio_v2_line_config_attribute)"] = 24, ["offsetof(gpio_v2_line_config_attribute,attr)"] = 0,
        ["offsetof(gpio_v2_line_config_attribute,mask)"] = 16,
        ["sizeof(gpio_v2_line_config)"] = 272, ["offsetof(gpio_v2_line_config,flags)"] = 0,
        ["offsetof(gpio_v2_line_config,num_attrs)"] = 8, ["offsetof(gpio_v2_line_config,padding)"] = 12,
        ["offsetof(gpio_v2_line_config,attrs)"] = 32,
        ["sizeof(gpio_v2_line_request)"] = 592, ["offsetof(gpio_v2_line_request,offsets)"] = 0,
        ["offsetof(gpio_v2_line_request,consumer)"] = 256, ["offsetof(gpio_v2_line_request,config)"] = 288,
        ["offsetof(gpio_v2_line_request,num_lines)"] = 560, ["offsetof(gpio_v2_line_request,event_buffer_size)"] = 564,
        ["offsetof(gpio_v2_line_request,padding)"] = 568, ["offsetof(gpio_v2_line_request,fd)"] = 588,
        ["sizeof(gpio_v2_line_event)"] = 48, ["offsetof(gpio_v2_line_event,timestamp_ns)"] = 0,
        ["offsetof(gpio_v2_line_event,id)"] = 8, ["offsetof(gpio_v2_line_event,offset)"] = 12,
        ["offsetof(gpio_v2_line_event,seqno)"] = 16, ["offsetof(gpio_v2_line_event,line_seqno)"] = 20,
        ["offsetof(gpio_v2_line_event,padding)"] = 24,
        ["sizeof(gpio_v2_line_info)"] = 256, ["offsetof(gpio_v2_line_info,name)"] = 0,
        ["offsetof(gpio_v2_line_info,consumer)"] = 32, ["offsetof(gpio_v2_line_info,offset)"] = 64,
        ["offsetof(gpio_v2_line_info,num_attrs)"] = 68, ["offsetof(gpio_v2_line_info,flags)"] = 72,
        ["offsetof(gpio_v2_line_info,attrs)"] = 80, ["offsetof(gpio_v2_line_info,padding)"] = 240,
        ["sizeof(spi_ioc_transfer)"] = 32, ["offsetof(spi_ioc_transfer,tx_buf)"] = 0, ["offsetof(spi_ioc_transfer,rx_buf)"] = 8,
        ["offsetof(spi_ioc_transfer,len)"] = 16, ["offsetof(spi_ioc_transfer,speed_hz)"] = 20,
        ["offsetof(spi_ioc_transfer,delay_usecs)"] = 24, ["offsetof(spi_ioc_transfer,bits_per_word)"] = 26,
        ["offsetof(spi_ioc_transfer,cs_change)"] = 27, ["offsetof(spi_ioc_transfer,tx_nbits)"] = 28,
        ["offsetof(spi_ioc_transfer,rx_nbits)"] = 29, ["offsetof(spi_ioc_transfer,word_delay_usecs)"] = 30,
        ["offsetof(spi_ioc_transfer,pad)"] = 31,
        ["GPIO_GET_CHIPINFO_IOCTL"] = 0x8044B401, ["GPIO_V2_GET_LINEINFO_IOCTL"] = 0xC100B405, ["GPIO_V2_GET_LINE_IOCTL"] = 0xC250B407,
        ["GPIO_V2_LINE_SET_CONFIG_IOCTL"] = 0xC110B40D, ["GPIO_V2_LINE_GET_VALUES_IOCTL"] = 0xC010B40E,
        ["GPIO_V2_LINE_SET_VALUES_IOCTL"] = 0xC010B40F,
        ["SPI_IOC_MESSAGE(1)"] = 0x40206B00, ["SPI_IOC_MESSAGE(2)"] = 0x40406B00, ["SPI_IOC_RD_MODE"] = 0x80016B01,
        ["SPI_IOC_WR_MODE"] = 0x40016B01, ["SPI_IOC_WR_BITS_PER_WORD"] = 0x40016B03, ["SPI_IOC_WR_MAX_SPEED_HZ"] = 0x40046B04,
        ["GPIO_MAX_NAME_SIZE"] = 32, ["GPIO_V2_LINES_MAX"] = 64, ["GPIO_V2_LINE_NUM_ATTRS_MAX"] = 10,
        ["GPIO_V2_LINE_FLAG_USED"] = 1, ["GPIO_V2_LINE_FLAG_ACTIVE_LOW"] = 2, ["GPIO_V2_LINE_FLAG_INPUT"] = 4,
        ["GPIO_V2_LINE_FLAG_OUTPUT"] = 8, ["GPIO_V2_LINE_FLAG_EDGE_RISING"] = 16, ["GPIO_V2_LINE_FLAG_EDGE_FALLING"] = 32,
        ["GPIO_V2_LINE_FLAG_OPEN_DRAIN"] = 64, ["GPIO_V2_LINE_FLAG_OPEN_SOURCE"] = 128, ["GPIO_V2_LINE_FLAG_BIAS_PULL_UP"] = 256,
        ["GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN"] = 512, ["GPIO_V2_LINE_FLAG_BIAS_DISABLED"] = 1024,
        ["GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME"] = 2048,
        ["GPIO_V2_LINE_ATTR_ID_FLAGS"] = 1, ["GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"] = 2, ["GPIO_V2_LINE_ATTR_ID_DEBOUNCE"] = 3,
        ["GPIO_V2_LINE_EVENT_RISING_EDGE"] = 1, ["GPIO_V2_LINE_EVENT_FALLING_EDGE"] = 2,
    };

    private static ulong Off(void* field, void* start) => (ulong)((byte*)field - (byte*)start);

    /// <summary>Every value as the C# declarations give it: sizes and offsets measured, not taken from constants.</summary>
    public static IEnumerable<object[]> CSharpValues()
    {
        foreach (var kv in Measure())
        {
            yield return new object[] { kv.Key, kv.Value };
        }
    }

    private static Dictionary<string, ulong> Measure()
    {
        var v = new Dictionary<string, ulong>();

        GpioChipInfo chip = default;
        v["sizeof(gpiochip_info)"] = (ulong)Unsafe.SizeOf<GpioChipInfo>();
        v["offsetof(gpiochip_info,name)"] = Off(chip.Name, &chip);
        v["offsetof(gpiochip_info,label)"] = Off(chip.Label, &chip);
        v["offsetof(gpiochip_info,lines)"] = Off(&chip.Lines, &chip);

        GpioV2LineValues values = default;
        v["sizeof(gpio_v2_line_values)"] = (ulong)Unsafe.SizeOf<GpioV2LineValues>();
        v["offsetof(gpio_v2_line_values,bits)"] = Off(&values.Bits, &values);
        v["offsetof(gpio_v2_line_values,mask)"] = Off(&values.Mask, &values);

        GpioV2LineAttribute attr = default;
        v["sizeof(gpio_v2_line_attribute)"] = (ulong)Unsafe.SizeOf<GpioV2LineAttribute>();
        v["offsetof(gpio_v2_line_attribute,id)"] = Off(&attr.Id, &attr);
        v["offsetof(gpio_v2_line_attribute,padding)"] = Off(&attr.Padding, &attr);
        v["offsetof(gpio_v2_line_attribute,flags)"] = Off(&attr.Flags, &attr);
        v["offsetof(gpio_v2_line_attribute,values)"] = Off(&attr.Values, &attr);
        v["offsetof(gpio_v2_line_attribute,debounce_period_us)"] = Off(&attr.DebouncePeriodUs, &attr);

        GpioV2LineConfigAttribute cattr = default;
        v["sizeof(gpio_v2_line_config_attribute)"] = (ulong)Unsafe.SizeOf<GpioV2LineConfigAttribute>();
        v["offsetof(gpio_v2_line_config_attribute,attr)"] = Off(&cattr.Attr, &cattr);
        v["offsetof(gpio_v2_line_config_attribute,mask)"] = Off(&cattr.Mask, &cattr);

        GpioV2LineConfig config = default;
        v["sizeof(gpio_v2_line_config)"] = (ulong)Unsafe.SizeOf<GpioV2LineConfig>();
        v["offsetof(gpio_v2_line_config,flags)"] = Off(&config.Flags, &config);
        v["offsetof(gpio_v2_line_config,num_attrs)"] = Off(&config.NumAttrs, &config);
        v["offsetof(gpio_v2_line_config,padding)"] = Off(config.Padding, &config);
        v["offsetof(gpio_v2_line_config,attrs)"] = Off(Unsafe.AsPointer(ref config.Attrs[0]), &config);

        GpioV2LineRequest request = default;
        v["sizeof(gpio_v2_line_request)"] = (ulong)Unsafe.SizeOf<GpioV2LineRequest>();
        v["offsetof(gpio_v2_line_request,offsets)"] = Off(request.Offsets, &request);
        v["offsetof(gpio_v2_line_request,consumer)"] = Off(request.Consumer, &request);
        v["offsetof(gpio_v2_line_request,config)"] = Off(&request.Config, &request);
        v["offsetof(gpio_v2_line_request,num_lines)"] = Off(&request.NumLines, &request);
        v["offsetof(gpio_v2_line_request,event_buffer_size)"] = Off(&request.EventBufferSize, &request);
        v["offsetof(gpio_v2_line_request,padding)"] = Off(request.Padding, &request);
        v["offsetof(gpio_v2_line_request,fd)"] = Off(&request.Fd, &request);

        GpioV2LineEvent ev = default;
        v["sizeof(gpio_v2_line_event)"] = (ulong)Unsafe.SizeOf<GpioV2LineEvent>();
        v["offsetof(gpio_v2_line_event,timestamp_ns)"] = Off(&ev.TimestampNs, &ev);
        v["offsetof(gpio_v2_line_event,id)"] = Off(&ev.Id, &ev);
        v["offsetof(gpio_v2_line_event,offset)"] = Off(&ev.Offset, &ev);
        v["offsetof(gpio_v2_line_event,seqno)"] = Off(&ev.Seqno, &ev);
        v["offsetof(gpio_v2_line_event,line_seqno)"] = Off(&ev.LineSeqno, &ev);
        v["offsetof(gpio_v2_line_event,padding)"] = Off(ev.Padding, &ev);

        GpioV2LineInfo info = default;
        v["sizeof(gpio_v2_line_info)"] = (ulong)Unsafe.SizeOf<GpioV2LineInfo>();
        v["offsetof(gpio_v2_line_info,name)"] = Off(info.Name, &info);
        v["offsetof(gpio_v2_line_info,consumer)"] = Off(info.Consumer, &info);
        v["offsetof(gpio_v2_line_info,offset)"] = Off(&info.Offset, &info);
        v["offsetof(gpio_v2_line_info,num_attrs)"] = Off(&info.NumAttrs, &info);
        v["offsetof(gpio_v2_line_info,flags)"] = Off(&info.Flags, &info);
        v["offsetof(gpio_v2_line_info,attrs)"] = Off(Unsafe.AsPointer(ref info.Attrs[0]), &info);
        v["offsetof(gpio_v2_line_info,padding)"] = Off(info.Padding, &info);

        SpiIocTransfer t = default;
        v["sizeof(spi_ioc_transfer)"] = (ulong)Unsafe.SizeOf<SpiIocTransfer>();
        v["offsetof(spi_ioc_transfer,tx_buf)"] = Off(&t.TxBuf, &t);
        v["offsetof(spi_ioc_transfer,rx_buf)"] = Off(&t.RxBuf, &t);
        v["offsetof(spi_ioc_transfer,len)"] = Off(&t.Len, &t);
        v["offsetof(spi_ioc_transfer,speed_hz)"] = Off(&t.SpeedHz, &t);
        v["offsetof(spi_ioc_transfer,delay_usecs)"] = Off(&t.DelayUsecs, &t);
        v["offsetof(spi_ioc_transfer,bits_per_word)"] = Off(&t.BitsPerWord, &t);
        v["offsetof(spi_ioc_transfer,cs_change)"] = Off(&t.CsChange, &t);
        v["offsetof(spi_ioc_transfer,tx_nbits)"] = Off(&t.TxNbits, &t);
        v["offsetof(spi_ioc_transfer,rx_nbits)"] = Off(&t.RxNbits, &t);
        v["offsetof(spi_ioc_transfer,word_delay_usecs)"] = Off(&t.WordDelayUsecs, &t);
        v["offsetof(spi_ioc_transfer,pad)"] = Off(&t.Pad, &t);

        v["GPIO_GET_CHIPINFO_IOCTL"] = GpioUapi.GPIO_GET_CHIPINFO_IOCTL;
        v["GPIO_V2_GET_LINEINFO_IOCTL"] = GpioUapi.GPIO_V2_GET_LINEINFO_IOCTL;
        v["GPIO_V2_GET_LINE_IOCTL"] = GpioUapi.GPIO_V2_GET_LINE_IOCTL;
        v["GPIO_V2_LINE_SET_CONFIG_IOCTL"] = GpioUapi.GPIO_V2_LINE_SET_CONFIG_IOCTL;
        v["GPIO_V2_LINE_GET_VALUES_IOCTL"] = GpioUapi.GPIO_V2_LINE_GET_VALUES_IOCTL;
        v["GPIO_V2_LINE_SET_VALUES_IOCTL"] = GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL;
        v["SPI_IOC_MESSAGE(1)"] = SpiDev.SPI_IOC_MESSAGE(1);
        v["SPI_IOC_MESSAGE(2)"] = SpiDev.SPI_IOC_MESSAGE(2);
        v["SPI_IOC_RD_MODE"] = SpiDev.SPI_IOC_RD_MODE;
        v["SPI_IOC_WR_MODE"] = SpiDev.SPI_IOC_WR_MODE;
        v["SPI_IOC_WR_BITS_PER_WORD"] = SpiDev.SPI_IOC_WR_BITS_PER_WORD;
        v["SPI_IOC_WR_MAX_SPEED_HZ"] = SpiDev.SPI_IOC_WR_MAX_SPEED_HZ;

        v["GPIO_MAX_NAME_SIZE"] = GpioUapi.GPIO_MAX_NAME_SIZE;
        v["GPIO_V2_LINES_MAX"] = GpioUapi.GPIO_V2_LINES_MAX;
        v["GPIO_V2_LINE_NUM_ATTRS_MAX"] = GpioUapi.GPIO_V2_LINE_NUM_ATTRS_MAX;
        v["GPIO_V2_LINE_FLAG_USED"] = GpioUapi.GPIO_V2_LINE_FLAG_USED;
        v["GPIO_V2_LINE_FLAG_ACTIVE_LOW"] = GpioUapi.GPIO_V2_LINE_FLAG_ACTIVE_LOW;
        v["GPIO_V2_LINE_FLAG_INPUT"] = GpioUapi.GPIO_V2_LINE_FLAG_INPUT;
        v["GPIO_V2_LINE_FLAG_OUTPUT"] = GpioUapi.GPIO_V2_LINE_FLAG_OUTPUT;
        v["GPIO_V2_LINE_FLAG_EDGE_RISING"] = GpioUapi.GPIO_V2_LINE_FLAG_EDGE_RISING;
        v["GPIO_V2_LINE_FLAG_EDGE_FALLING"] = GpioUapi.GPIO_V2_LINE_FLAG_EDGE_FALLING;
        v["GPIO_V2_LINE_FLAG_OPEN_DRAIN"] = GpioUapi.GPIO_V2_LINE_FLAG_OPEN_DRAIN;
        v["GPIO_V2_LINE_FLAG_OPEN_SOURCE"] = GpioUapi.GPIO_V2_LINE_FLAG_OPEN_SOURCE;
        v["GPIO_V2_LINE_FLAG_BIAS_PULL_UP"] = GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_UP;
        v["GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN"] = GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN;
        v["GPIO_V2_LINE_FLAG_BIAS_DISABLED"] = GpioUapi.GPIO_V2_LINE_FLAG_BIAS_DISABLED;
        v["GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME"] = GpioUapi.GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME;
        v["GPIO_V2_LINE_ATTR_ID_FLAGS"] = GpioUapi.GPIO_V2_LINE_ATTR_ID_FLAGS;
        v["GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"] = GpioUapi.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
        v["GPIO_V2_LINE_ATTR_ID_DEBOUNCE"] = GpioUapi.GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
        v["GPIO_V2_LINE_EVENT_RISING_EDGE"] = GpioUapi.GPIO_V2_LINE_EVENT_RISING_EDGE;
        v["GPIO_V2_LINE_EVENT_FALLING_EDGE"] = GpioUapi.GPIO_V2_LINE_EVENT_FALLING_EDGE;

        return v;
    }

    [Theory]
    [MemberData(nameof(CSharpValues))]
    public void Declaration_ComparedWithKernelHeader_Matches(string what, ulong csharp)
    {
        var probe = KernelHeaderProbe.Get();
        var expected = probe.Values ?? Derived;

        Assert.True(expected.ContainsKey(what), $"{what} not printed by the probe ({probe.Why})");
        Assert.Equal(expected[what], csharp);
    }

    [Theory]
    [MemberData(nameof(CSharpValues))]
    public void Declaration_ComparedWithDerivedTable_Matches(string what, ulong csharp)
    {
        Assert.Equal(Derived[what], csharp);
    }

    [Fact]
    public void Probe_WhenGccAndHeadersArePresent_Runs()
    {
        var probe = KernelHeaderProbe.Get();

        Assert.True(!KernelHeaderProbe.Available || probe.Values != null, probe.Why);
    }

    [Fact]
    public void NamedOffsetConstants_Always_MatchTheMeasuredOffsets()
    {
        GpioV2LineRequest r = default;
        SpiIocTransfer t = default;
        GpioV2LineEvent e = default;
        GpioV2LineConfig c = default;

        Assert.Equal((ulong)GpioV2LineRequest.ConfigOffset, Off(&r.Config, &r));
        Assert.Equal((ulong)GpioV2LineRequest.FdOffset, Off(&r.Fd, &r));
        Assert.Equal((ulong)GpioV2LineRequest.NumLinesOffset, Off(&r.NumLines, &r));
        Assert.Equal((ulong)GpioV2LineConfig.AttrsOffset, Off(Unsafe.AsPointer(ref c.Attrs[0]), &c));
        Assert.Equal((ulong)GpioV2LineConfig.Size, (ulong)Unsafe.SizeOf<GpioV2LineConfig>());
        Assert.Equal((ulong)GpioV2LineConfigAttribute.Size, (ulong)(Off(Unsafe.AsPointer(ref c.Attrs[1]), &c) - Off(Unsafe.AsPointer(ref c.Attrs[0]), &c)));
        Assert.Equal((ulong)GpioV2LineEvent.OffsetOffset, Off(&e.Offset, &e));
        Assert.Equal((ulong)SpiIocTransfer.BitsPerWordOffset, Off(&t.BitsPerWord, &t));
        Assert.Equal((ulong)SpiIocTransfer.Size, (ulong)Unsafe.SizeOf<SpiIocTransfer>());
    }
}
