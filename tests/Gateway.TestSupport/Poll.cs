using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.TestSupport;

/// <summary>
/// Waits in async tests for a condition another thread brings about (a board's counters, a listener's places). It
/// awaits between polls instead of sleeping or spinning: a test thread blocked in a busy suite holds back the thread
/// pool that the TCP listener's accepts and the host's reads run on, and on a loaded two-core machine that makes the
/// very thing waited for late.
/// </summary>
public static class Poll
{
    /// <summary>How long the poll waits between looks at the condition.</summary>
    public const int IntervalMs = 10;

    /// <summary>
    /// Completes once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> with
    /// <paramref name="failure"/> when it has not held by <paramref name="timeoutMs"/>.
    /// </summary>
    public static Task UntilAsync(Func<bool> condition, int timeoutMs, string failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return UntilAsync(condition, timeoutMs, () => failure);
    }

    /// <summary>
    /// As <see cref="UntilAsync(Func{bool}, int, string)"/>, the failure message made when the deadline passes (so it
    /// can show the state the condition was waiting on).
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, int timeoutMs, Func<string> failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMs);
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"{failure()} (not within {timeoutMs} ms)");
            }

            await Task.Delay(IntervalMs);
        }
    }

    /// <summary>
    /// Completes once <paramref name="thread"/> has ended (a board's serving thread told to stop); throws
    /// <see cref="TimeoutException"/> with <paramref name="failure"/> when it still runs after
    /// <paramref name="timeoutMs"/>. The awaited form of a bounded <see cref="Thread.Join(int)"/>, for async tests.
    /// </summary>
    public static Task UntilEndedAsync(Thread thread, int timeoutMs, string failure)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return UntilAsync(() => !thread.IsAlive, timeoutMs, failure);
    }
}
