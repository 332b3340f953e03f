using System;
using System.Collections.Generic;

namespace Gateway.Host.Bench;

/// <summary>
/// One bulk-read run: a <see cref="FileBytes"/> file in /data read <see cref="ReadBytes"/> at a time, sequentially,
/// back to offset 0 at its end, until <see cref="TotalBytes"/> have been read, once per pattern in one session.
/// </summary>
public sealed record PtyBulkSettings
{
    /// <summary>32 KiB: inside the emulated board's per-session /data quota (45 KiB) and whole 16 KiB reads.</summary>
    public const int DefaultFileBytes = 32 << 10;

    /// <summary>16 KiB: the largest whole-page read the emulated board's 16,640-byte frame carries.</summary>
    public const int DefaultReadBytes = 16 << 10;

    public BulkReadTransport Transport { get; init; } = BulkReadTransport.Pty;

    public IReadOnlyList<BulkPattern> Patterns { get; init; } = new[] { BulkPattern.Random, BulkPattern.Zero };

    /// <summary>Bytes read (and checked) per pattern, warm-up excluded.</summary>
    public long TotalBytes { get; init; } = 8 << 20;

    public int FileBytes { get; init; } = DefaultFileBytes;

    /// <summary>
    /// Read before the measured part, per pattern (rounded up to whole passes of the file): enough round trips for
    /// the JIT's tiering to settle, so the first pattern of a session does not pay for it in the figures.
    /// </summary>
    public long WarmUpBytes { get; init; } = 1 << 20;

    public int ReadBytes { get; init; } = DefaultReadBytes;

    /// <summary>Throws when the reads would not be whole: the counts a run reports are exact only then.</summary>
    public void Validate()
    {
        if (ReadBytes <= 0 || FileBytes <= 0 || FileBytes % ReadBytes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FileBytes), $"the file ({FileBytes} B) must be whole reads of {ReadBytes} B");
        }

        if (TotalBytes <= 0 || TotalBytes % ReadBytes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TotalBytes), $"the total ({TotalBytes} B) must be whole reads of {ReadBytes} B");
        }

        if (WarmUpBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmUpBytes), "not negative");
        }

        if (Patterns.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patterns), "at least one pattern");
        }
    }
}
