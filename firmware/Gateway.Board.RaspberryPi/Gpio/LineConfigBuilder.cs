using System;
using Gateway.Board.RaspberryPi.Interop;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// Turns per-line flags into one <c>struct gpio_v2_line_config</c>: the most common flag set becomes the
/// default, every other distinct set an attribute with the mask of its lines, and the output latch an
/// OUTPUT_VALUES attribute over the output lines (so a line keeps its latched level when it turns into
/// an output). The kernel takes at most 10 attributes: more than 9 distinct non-default flag sets
/// (plus the values) cannot be expressed and is refused.
/// </summary>
internal static class LineConfigBuilder
{
    /// <summary>
    /// Builds the config for lines 0 … <c>lineFlags.Length − 1</c> of a request (positions, not line
    /// numbers). Returns false with <paramref name="error"/> when the attributes do not fit.
    /// </summary>
    public static bool TryBuild(ReadOnlySpan<ulong> lineFlags, ulong outputValues, out GpioV2LineConfig config, out string? error)
    {
        config = default;
        error = null;
        if (lineFlags.Length == 0 || lineFlags.Length > GpioUapi.GPIO_V2_LINES_MAX)
        {
            error = $"a line request holds 1–{GpioUapi.GPIO_V2_LINES_MAX} lines, not {lineFlags.Length}";
            return false;
        }

        Span<ulong> distinct = stackalloc ulong[lineFlags.Length];
        Span<ulong> masks = stackalloc ulong[lineFlags.Length];
        Span<int> counts = stackalloc int[lineFlags.Length];
        int kinds = 0;
        ulong outputs = 0;
        for (int line = 0; line < lineFlags.Length; line++)
        {
            ulong flags = lineFlags[line];
            if ((flags & GpioUapi.GPIO_V2_LINE_FLAG_OUTPUT) != 0)
            {
                outputs |= 1UL << line;
            }

            int k = distinct[..kinds].IndexOf(flags);
            if (k < 0)
            {
                k = kinds++;
                distinct[k] = flags;
            }

            masks[k] |= 1UL << line;
            counts[k]++;
        }

        int defaultKind = 0;
        for (int k = 1; k < kinds; k++)
        {
            if (counts[k] > counts[defaultKind])
            {
                defaultKind = k;
            }
        }

        int needed = kinds - 1 + (outputs != 0 ? 1 : 0);
        if (needed > GpioUapi.GPIO_V2_LINE_NUM_ATTRS_MAX)
        {
            error = $"{kinds} different line settings need {needed} attributes; the kernel takes {GpioUapi.GPIO_V2_LINE_NUM_ATTRS_MAX}";
            return false;
        }

        config.Flags = distinct[defaultKind];
        int a = 0;
        for (int k = 0; k < kinds; k++)
        {
            if (k == defaultKind)
            {
                continue;
            }

            config.Attrs[a].Attr.Id = GpioUapi.GPIO_V2_LINE_ATTR_ID_FLAGS;
            config.Attrs[a].Attr.Flags = distinct[k];
            config.Attrs[a].Mask = masks[k];
            a++;
        }

        if (outputs != 0)
        {
            config.Attrs[a].Attr.Id = GpioUapi.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
            config.Attrs[a].Attr.Values = outputValues & outputs;
            config.Attrs[a].Mask = outputs;
            a++;
        }

        config.NumAttrs = (uint)a;
        return true;
    }

    /// <summary>
    /// The uAPI flags of one line from the HAL's view of it. With <paramref name="setBias"/> false no bias flag is
    /// given, and the kernel leaves the pin's bias as it is (gpiolib sets bias only when a bias flag is present).
    /// </summary>
    public static ulong FlagsFor(bool output, bool pullUp, bool pullDown, bool rising, bool falling, bool setBias = true)
    {
        ulong flags = output ? GpioUapi.GPIO_V2_LINE_FLAG_OUTPUT : GpioUapi.GPIO_V2_LINE_FLAG_INPUT;
        if (setBias)
        {
            flags |= pullUp ? GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_UP
                : pullDown ? GpioUapi.GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN
                : GpioUapi.GPIO_V2_LINE_FLAG_BIAS_DISABLED;
        }

        if (!output)
        {
            // The kernel refuses edge detection on outputs (EINVAL); the HAL detects on inputs only.
            flags |= rising ? GpioUapi.GPIO_V2_LINE_FLAG_EDGE_RISING : 0;
            flags |= falling ? GpioUapi.GPIO_V2_LINE_FLAG_EDGE_FALLING : 0;
        }

        return flags;
    }
}
