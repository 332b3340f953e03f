using System;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Board.Tests;

/// <summary>The awaited wait the link's attack tests use (tests/Gateway.TestSupport): it must fail, and say why.</summary>
public sealed class PollTests
{
    [Fact]
    public void Poll_ConditionAlreadyHolds_CompletesWithoutWaiting()
    {
        Task wait = Poll.UntilAsync(() => true, 0, "never shown");

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Poll_ConditionSetByAnotherThread_CompletesOnceItHolds()
    {
        int looks = 0;
        var set = new ManualResetEventSlim();
        var setter = new Thread(() =>
        {
            Thread.Sleep(50); // a thread of the test's own, not the pool: the poll must keep looking meanwhile
            set.Set();
        }) { IsBackground = true };
        setter.Start();

        await Poll.UntilAsync(() => { Interlocked.Increment(ref looks); return set.IsSet; }, 10_000, "the flag was never seen");

        Assert.True(set.IsSet);
        Assert.True(Volatile.Read(ref looks) > 1, "the condition was looked at only once");
    }

    [Fact]
    public async Task Poll_ConditionNeverHolds_ThrowsTimeoutSayingWhatAndHowLong()
    {
        int state = 0;

        var e = await Assert.ThrowsAsync<TimeoutException>(
            () => Poll.UntilAsync(() => { state++; return false; }, 50, () => $"state {state}"));

        // The message is made when the deadline passes: it shows the state then, not when the wait began.
        Assert.Matches(@"^state [1-9]\d* \(not within 50 ms\)$", e.Message);
    }

    [Fact]
    public async Task PollUntilEnded_ThreadEndsLater_CompletesOnceItHasEnded()
    {
        using var release = new ManualResetEventSlim();
        var worker = new Thread(() => release.Wait()) { IsBackground = true };
        worker.Start();

        Task wait = Poll.UntilEndedAsync(worker, 10_000, "the worker never ended");
        await Task.Delay(50);
        Assert.False(wait.IsCompleted, "the wait ended while the thread still ran");
        release.Set();
        await wait;

        Assert.False(worker.IsAlive);
    }

    [Fact]
    public async Task PollUntilEnded_ThreadNeverEnds_ThrowsTimeoutWithTheMessage()
    {
        using var release = new ManualResetEventSlim();
        var worker = new Thread(() => release.Wait()) { IsBackground = true };
        worker.Start();
        try
        {
            var e = await Assert.ThrowsAsync<TimeoutException>(() => Poll.UntilEndedAsync(worker, 50, "the worker kept running"));

            Assert.Equal("the worker kept running (not within 50 ms)", e.Message);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Poll_BadArguments_RefusedBeforeAnyWait()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Poll.UntilAsync(null!, 10, "x"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Poll.UntilAsync(() => true, 10, (string)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Poll.UntilAsync(() => true, 10, (Func<string>)null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Poll.UntilAsync(() => true, -1, "x"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Poll.UntilEndedAsync(null!, 10, "x"));
    }
}
