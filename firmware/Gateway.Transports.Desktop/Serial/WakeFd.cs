using System;
using System.Threading;
using Gateway.Transports.Desktop.Interop.Unix;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// An eventfd that every poll(2) of a <see cref="TerminalChannel"/> watches beside the tty, so that closing the
/// channel or cancelling one operation wakes a poll that would otherwise wait for the line.
/// Closing leaves it readable for good; a cancellation signals it until the cancelled operation has left,
/// then the last one drains it (a count of outstanding cancellations guards against one operation
/// draining the signal another still needs).
/// </summary>
internal sealed unsafe class WakeFd : IDisposable
{
    private readonly object gate = new();
    private int pendingCancellations;
    private bool closed;

    private WakeFd(SafeFileDescriptor handle) => Handle = handle;

    internal SafeFileDescriptor Handle { get; }

    internal static WakeFd Create(string target)
    {
        int fd = Libc.eventfd(0, FileConstants.EFD_NONBLOCK | FileConstants.EFD_CLOEXEC);
        if (fd < 0)
        {
            throw UnixErrors.ToException(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), target, "create an eventfd for");
        }
        return new WakeFd(new SafeFileDescriptor(fd));
    }

    /// <summary>Wakes every current and future poll for good.</summary>
    internal void SignalClose()
    {
        lock (gate)
        {
            closed = true;
            Post();
        }
    }

    /// <summary>
    /// Arms cancellation of one operation: when <paramref name="token"/> fires, pollers wake. Dispose the
    /// result when the operation ends, whether or not it noticed.
    /// </summary>
    internal CancellationScope Arm(CancellationToken token) =>
        token.CanBeCanceled ? new CancellationScope(this, token) : default;

    public void Dispose() => Handle.Dispose();

    private void OnCancel()
    {
        lock (gate)
        {
            pendingCancellations++;
            Post();
        }
    }

    private void OnCancelConsumed()
    {
        lock (gate)
        {
            pendingCancellations--;
            if (pendingCancellations == 0 && !closed)
            {
                Drain();
            }
        }
    }

    private void Post()
    {
        bool added = false;
        try
        {
            Handle.DangerousAddRef(ref added);
            ulong one = 1;
            _ = Libc.write(Handle.Fd, (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Closed already: nothing left to wake.
        }
        finally
        {
            if (added)
            {
                Handle.DangerousRelease();
            }
        }
    }

    private void Drain()
    {
        bool added = false;
        try
        {
            Handle.DangerousAddRef(ref added);
            ulong value;
            _ = Libc.read(Handle.Fd, (byte*)&value, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (added)
            {
                Handle.DangerousRelease();
            }
        }
    }

    /// <summary>One operation's cancellation registration; default when the token cannot be cancelled.</summary>
    internal readonly struct CancellationScope : IDisposable
    {
        private readonly State? state;

        internal CancellationScope(WakeFd owner, CancellationToken token)
        {
            state = new State(owner);
            state.Registration = token.Register(static s => ((State)s!).Fire(), state);
        }

        public void Dispose()
        {
            if (state is null)
            {
                return;
            }
            state.Registration.Dispose(); // waits for a running callback
            if (Volatile.Read(ref state.Fired) != 0)
            {
                state.Owner.OnCancelConsumed();
            }
        }

        private sealed class State(WakeFd owner)
        {
            internal readonly WakeFd Owner = owner;
            internal CancellationTokenRegistration Registration;
            internal int Fired;

            internal void Fire()
            {
                Volatile.Write(ref Fired, 1);
                Owner.OnCancel();
            }
        }
    }
}
