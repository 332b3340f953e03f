using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Gateway.Board.Tests.RaspberryPi;

/// <summary>
/// Compiles and runs a small C program against this machine's kernel headers
/// (/usr/include/linux/gpio.h, /usr/include/linux/spi/spidev.h) printing sizeof, offsetof, ioctl
/// numbers and enum values as <c>key=value</c> lines. Null when gcc or the headers are absent.
/// </summary>
public static class KernelHeaderProbe
{
    public const string GpioHeader = "/usr/include/linux/gpio.h";
    public const string SpidevHeader = "/usr/include/linux/spi/spidev.h";

    private const string Program =
        """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/gpio.h>
        #include <linux/spi/spidev.h>

        #define SIZE(t) printf("sizeof(%s)=%zu\n", #t, sizeof(struct t))
        #define OFF(t, f) printf("offsetof(%s,%s)=%zu\n", #t, #f, offsetof(struct t, f))
        #define NUM(n) printf("%s=%llu\n", #n, (unsigned long long)(n))

        int main(void)
        {
            SIZE(gpiochip_info); OFF(gpiochip_info, name); OFF(gpiochip_info, label); OFF(gpiochip_info, lines);
            SIZE(gpio_v2_line_values); OFF(gpio_v2_line_values, bits); OFF(gpio_v2_line_values, mask);
            SIZE(gpio_v2_line_attribute); OFF(gpio_v2_line_attribute, id); OFF(gpio_v2_line_attribute, padding);
            OFF(gpio_v2_line_attribute, flags); OFF(gpio_v2_line_attribute, values); OFF(gpio_v2_line_attribute, debounce_period_us);
            SIZE(gpio_v2_line_config_attribute); OFF(gpio_v2_line_config_attribute, attr); OFF(gpio_v2_line_config_attribute, mask);
            SIZE(gpio_v2_line_config); OFF(gpio_v2_line_config, flags); OFF(gpio_v2_line_config, num_attrs);
            OFF(gpio_v2_line_config, padding); OFF(gpio_v2_line_config, attrs);
            SIZE(gpio_v2_line_request); OFF(gpio_v2_line_request, offsets); OFF(gpio_v2_line_request, consumer);
            OFF(gpio_v2_line_request, config); OFF(gpio_v2_line_request, num_lines); OFF(gpio_v2_line_request, event_buffer_size);
            OFF(gpio_v2_line_request, padding); OFF(gpio_v2_line_request, fd);
            SIZE(gpio_v2_line_event); OFF(gpio_v2_line_event, timestamp_ns); OFF(gpio_v2_line_event, id);
            OFF(gpio_v2_line_event, offset); OFF(gpio_v2_line_event, seqno); OFF(gpio_v2_line_event, line_seqno);
            OFF(gpio_v2_line_event, padding);
            SIZE(gpio_v2_line_info); OFF(gpio_v2_line_info, name); OFF(gpio_v2_line_info, consumer);
            OFF(gpio_v2_line_info, offset); OFF(gpio_v2_line_info, num_attrs); OFF(gpio_v2_line_info, flags);
            OFF(gpio_v2_line_info, attrs); OFF(gpio_v2_line_info, padding);
            SIZE(spi_ioc_transfer); OFF(spi_ioc_transfer, tx_buf); OFF(spi_ioc_transfer, rx_buf); OFF(spi_ioc_transfer, len);
            OFF(spi_ioc_transfer, speed_hz); OFF(spi_ioc_transfer, delay_usecs); OFF(spi_ioc_transfer, bits_per_word);
            OFF(spi_ioc_transfer, cs_change); OFF(spi_ioc_transfer, tx_nbits); OFF(spi_ioc_transfer, rx_nbits);
            OFF(spi_ioc_transfer, word_delay_usecs); OFF(spi_ioc_transfer, pad);

            NUM(GPIO_GET_CHIPINFO_IOCTL); NUM(GPIO_V2_GET_LINEINFO_IOCTL); NUM(GPIO_V2_GET_LINE_IOCTL); NUM(GPIO_V2_LINE_SET_CONFIG_IOCTL);
            NUM(GPIO_V2_LINE_GET_VALUES_IOCTL); NUM(GPIO_V2_LINE_SET_VALUES_IOCTL);
            NUM(SPI_IOC_MESSAGE(1)); NUM(SPI_IOC_MESSAGE(2)); NUM(SPI_IOC_RD_MODE); NUM(SPI_IOC_WR_MODE);
            NUM(SPI_IOC_WR_BITS_PER_WORD); NUM(SPI_IOC_WR_MAX_SPEED_HZ);

            NUM(GPIO_MAX_NAME_SIZE); NUM(GPIO_V2_LINES_MAX); NUM(GPIO_V2_LINE_NUM_ATTRS_MAX);
            NUM(GPIO_V2_LINE_FLAG_USED); NUM(GPIO_V2_LINE_FLAG_ACTIVE_LOW); NUM(GPIO_V2_LINE_FLAG_INPUT);
            NUM(GPIO_V2_LINE_FLAG_OUTPUT); NUM(GPIO_V2_LINE_FLAG_EDGE_RISING); NUM(GPIO_V2_LINE_FLAG_EDGE_FALLING);
            NUM(GPIO_V2_LINE_FLAG_OPEN_DRAIN); NUM(GPIO_V2_LINE_FLAG_OPEN_SOURCE); NUM(GPIO_V2_LINE_FLAG_BIAS_PULL_UP);
            NUM(GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN); NUM(GPIO_V2_LINE_FLAG_BIAS_DISABLED); NUM(GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME);
            NUM(GPIO_V2_LINE_ATTR_ID_FLAGS); NUM(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES); NUM(GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
            NUM(GPIO_V2_LINE_EVENT_RISING_EDGE); NUM(GPIO_V2_LINE_EVENT_FALLING_EDGE);
            return 0;
        }
        """;

    private static readonly Lazy<ProbeResult> Result = new(Run);

    public sealed record ProbeResult(IReadOnlyDictionary<string, ulong>? Values, string Why);

    /// <summary>True when gcc and both headers are here, so the probe must succeed.</summary>
    public static bool Available => FindGcc() != null && File.Exists(GpioHeader) && File.Exists(SpidevHeader);

    public static ProbeResult Get() => Result.Value;

    private static string? FindGcc()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, "gcc");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static ProbeResult Run()
    {
        string? gcc = FindGcc();
        if (gcc == null || !File.Exists(GpioHeader) || !File.Exists(SpidevHeader))
        {
            return new ProbeResult(null, "gcc or the kernel headers are not installed");
        }

        string dir = Path.Combine(Path.GetTempPath(), "gateway-uapi-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string source = Path.Combine(dir, "probe.c");
            string exe = Path.Combine(dir, "probe");
            File.WriteAllText(source, Program);
            var (compileCode, compileOut) = Exec(gcc, $"-std=gnu11 -Wall -o \"{exe}\" \"{source}\"");
            if (compileCode != 0)
            {
                return new ProbeResult(null, "gcc failed: " + compileOut);
            }

            var (runCode, output) = Exec(exe, "");
            if (runCode != 0)
            {
                return new ProbeResult(null, "probe failed: " + output);
            }

            var values = new Dictionary<string, ulong>();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = line.LastIndexOf('=');
                values[line[..eq]] = ulong.Parse(line[(eq + 1)..]);
            }

            return new ProbeResult(values, "compiled against " + GpioHeader + " and " + SpidevHeader);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Output) Exec(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr);
    }
}
