using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess.Fuzz;

/// <summary>How a fuzz run goes.</summary>
public sealed class FuzzOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Stop after this long…</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>…or after this many inputs, whichever comes first.</summary>
    public long MaxInputs { get; init; } = long.MaxValue;

    /// <summary>An input that takes longer is reported as a hang (the watchdog's budget, far above any real request).</summary>
    public TimeSpan HangBudget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Inputs between two session ends (every count checked back at zero).</summary>
    public int EpochLength { get; init; } = 256;

    /// <summary>A fresh board (from the next factory) every this many epochs: /data stops growing, and both board shapes run.</summary>
    public int EpochsPerBoard { get; init; } = 64;

    /// <summary>The managed heap after the run may exceed the one after warm-up by at most this.</summary>
    public long MemoryBoundBytes { get; init; } = 8L << 20;

    public int MaxFindings { get; init; } = 20;

    /// <summary>Boards to fuzz, used in turn (e.g. 64-bit, then 32-bit with quirk resources). Each gets the log to report to.</summary>
    public IReadOnlyList<Func<ILog, ResourceManager.ResourceManager>> Boards { get; init; } = Array.Empty<Func<ILog, ResourceManager.ResourceManager>>();

    /// <summary>Progress lines (long mode), every <see cref="ProgressInterval"/>.</summary>
    public Action<string>? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);
}
