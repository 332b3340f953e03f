using System;
using System.Collections.Generic;
using System.Diagnostics;
using Gateway.Host.Bench.Baseline;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Host.Bench;

/// <summary>One codec's frame path on this machine: microseconds per encode and per decode of one frame.</summary>
public sealed record FramePathResult(string Codec, int Body, string Data, int WireBytes, double EncodeUs, double DecodeUs)
{
    /// <summary>Every codec, body (4,352 and 16,640) and data (random, all zero), about <paramref name="budgetMs"/> per timing.</summary>
    public static IReadOnlyList<FramePathResult> MeasureAll(int budgetMs)
    {
        var results = new List<FramePathResult>();
        foreach (int body in new[] { LinkLimits.MinBody, LinkLimits.DesktopBody })
        {
            foreach (bool zeros in new[] { false, true })
            {
                foreach (string codec in new[] { FramePath.V1Cobs, FramePath.V2Table, FramePath.V2System })
                {
                    var path = new FramePath(codec, body, zeros);
                    var (enc, dec) = path.Time(budgetMs);
                    results.Add(new FramePathResult(codec, body, zeros ? "zeros" : "random", path.WireLength, enc, dec));
                }
            }
        }

        return results;
    }
}
