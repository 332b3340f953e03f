using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// One dedicated thread that runs a stream's blocking operations (poll-based reads, or writes) one at a time
/// for its async callers, so that a host waiting for a quiet line holds no thread-pool thread.
/// An operation still queued when its token fires is cancelled at once; a running one sees the token itself
/// (through <see cref="WakeFd"/>) and never loses bytes it has already read.
/// </summary>
internal sealed class AsyncPump : IDisposable
{
    private const int IdleCheckMs = 1000;

    private readonly BlockingCollection<Operation> queue = new();
    private readonly Func<bool> ownerClosed;

    /// <param name="name">The thread's name.</param>
    /// <param name="ownerClosed">True once the stream is closed: the thread then ends when idle, even if nobody disposes the pump.</param>
    internal AsyncPump(string name, Func<bool> ownerClosed)
    {
        this.ownerClosed = ownerClosed;
        var thread = new Thread(Run) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; the task completes with its result, its exception, or cancellation.</summary>
    internal Task<int> Enqueue(Func<CancellationToken, int> work, CancellationToken cancellationToken)
    {
        var operation = new Operation(work, cancellationToken);
        try
        {
            queue.Add(operation);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Disposed: run it here; on a closed channel it returns or throws at once.
            operation.Execute();
        }
        return operation.Task;
    }

    /// <summary>Lets the thread finish what is queued (quick once the channel is closed) and end.</summary>
    public void Dispose() => queue.CompleteAdding();

    private void Run()
    {
        while (!queue.IsCompleted)
        {
            if (queue.TryTake(out Operation? operation, IdleCheckMs))
            {
                operation.Execute();
            }
            else if (this.ownerClosed())
            {
                queue.CompleteAdding();
            }
        }
        // Anything added in the last instant before CompleteAdding still gets its answer.
        while (queue.TryTake(out Operation? late))
        {
            late.Execute();
        }
    }

    private sealed class Operation
    {
        private const int Queued = 0;
        private const int Running = 1;
        private const int Finished = 2;

        private readonly TaskCompletionSource<int> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<CancellationToken, int> work;
        private readonly CancellationToken cancellationToken;
        private readonly CancellationTokenRegistration registration;
        private int state;

        internal Operation(Func<CancellationToken, int> work, CancellationToken cancellationToken)
        {
            this.work = work;
            this.cancellationToken = cancellationToken;
            registration = cancellationToken.Register(static s => ((Operation)s!).CancelIfQueued(), this);
        }

        internal Task<int> Task => completion.Task;

        internal void Execute()
        {
            if (Interlocked.CompareExchange(ref state, Running, Queued) != Queued)
            {
                return; // cancelled while queued
            }
            try
            {
                completion.TrySetResult(this.work(this.cancellationToken));
            }
            catch (OperationCanceledException) when (this.cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(this.cancellationToken);
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
            finally
            {
                Volatile.Write(ref state, Finished);
                registration.Dispose();
            }
        }

        private void CancelIfQueued()
        {
            if (Interlocked.CompareExchange(ref state, Finished, Queued) == Queued)
            {
                completion.TrySetCanceled(this.cancellationToken);
            }
        }
    }
}
