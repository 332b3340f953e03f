using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Gateway.Protocol.Link;

namespace Gateway.Host.Targets.Faults;

/// <summary>
/// Splits a byte flow into link frames (a marker, a length, … : <see cref="FramePreamble"/>) and, per frame, drops, corrupts, duplicates, reorders or
/// delays it at the rates of <see cref="FaultOptions"/>, passing the result to a sink. One direction of a link;
/// wrap each direction separately. All decisions come from one seeded <see cref="Random"/>, so a run is
/// reproducible up to thread timing (<see cref="Seed"/> says which seed was used). Sink calls are serialized.
/// Frame-aware, not byte-transparent: a frame's first bytes wait for the rest; bytes that start no frame (idle fill)
/// pass on untouched.
/// </summary>
public sealed class FrameFaultInjector : IDisposable
{
    private readonly FaultOptions options;
    private readonly Action<ReadOnlyMemory<byte>> sink;
    private readonly Random random;
    private readonly object gate = new();
    private readonly List<byte> partial = new();
    private byte[]? held;
    private int heldGeneration;
    private bool disposed;

    /// <param name="sink">Receives the bytes that reach the other side (whole frames, or runs of idle fill).</param>
    public FrameFaultInjector(FaultOptions options, Action<ReadOnlyMemory<byte>> sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        Seed = options.Seed != 0 ? options.Seed : Random.Shared.Next(1, int.MaxValue);
        this.options = options with { Seed = Seed };
        this.sink = sink;
        random = new Random(Seed);
    }

    /// <summary>The seed in use (the configured one, or the one picked when it was 0).</summary>
    public int Seed { get; }

    public FaultOptions Options => options;

    public FaultStats Stats { get; } = new();

    /// <summary>Takes bytes written to the link; each completed frame goes through the faults.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (gate)
        {
            foreach (byte b in data)
            {
                partial.Add(b);
            }

            while (partial.Count > 0)
            {
                int notFrame = NotAFrame();
                if (notFrame > 0)
                {
                    // Idle fill: carries no frame, passes on untouched.
                    Stats.CountFrame();
                    Emit(Take(notFrame));
                    continue;
                }

                if (partial.Count < FramePreamble.Size)
                {
                    return;
                }

                long total = FramePreamble.Size + (long)ReadLength() + FrameHeader.CrcSize;
                if (partial.Count < total)
                {
                    return;
                }

                OnFrame(Take((int)total));
            }
        }
    }

    /// <summary>Bytes at the front that cannot start a frame (up to the next marker byte); 0 when one may start.</summary>
    private int NotAFrame()
    {
        int known = Math.Min(partial.Count, FramePreamble.MarkerSize);
        ReadOnlySpan<byte> marker = stackalloc byte[] { FramePreamble.Marker0, FramePreamble.Marker1, FramePreamble.Marker2, FramePreamble.Marker3 };
        for (int i = 0; i < known; i++)
        {
            if (partial[i] != marker[i])
            {
                int next = partial.IndexOf(FramePreamble.Marker0, 1);
                return next < 0 ? partial.Count : next;
            }
        }

        return 0;
    }

    private uint ReadLength() =>
        (uint)(partial[FramePreamble.OffLength] | (partial[FramePreamble.OffLength + 1] << 8)
            | (partial[FramePreamble.OffLength + 2] << 16) | (partial[FramePreamble.OffLength + 3] << 24));

    private byte[] Take(int n)
    {
        byte[] taken = partial.GetRange(0, n).ToArray();
        partial.RemoveRange(0, n);
        return taken;
    }

    public override string ToString() => $"faults {options}; {Stats}";

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }
    }

    private void OnFrame(byte[] frame)
    {
        Stats.CountFrame();
        if (Roll(options.Drop))
        {
            Stats.CountDrop();
            return;
        }

        if (Roll(options.Corrupt))
        {
            Stats.CountCorrupt();
            // Past the marker, so the receiver sees a frame and drops it (header or CRC) rather than skipping it unseen.
            frame[FramePreamble.MarkerSize + random.Next(frame.Length - FramePreamble.MarkerSize)] ^= (byte)(1 << random.Next(8));
        }

        int copies = 1;
        if (Roll(options.Duplicate))
        {
            Stats.CountDuplicate();
            copies = 2;
        }

        for (int c = 0; c < copies; c++)
        {
            if (Roll(options.Reorder) && held == null)
            {
                Stats.CountReorder();
                Hold(frame);
                continue;
            }

            if (Roll(options.Delay))
            {
                Stats.CountDelay();
                int ms = 1 + random.Next(options.MaxDelayMs);
                _ = Task.Delay(ms).ContinueWith(_ => EmitLater(frame), TaskScheduler.Default);
                continue;
            }

            Emit(frame);
            ReleaseHeld();
        }
    }

    private void Hold(byte[] frame)
    {
        held = frame;
        int generation = ++heldGeneration;
        _ = Task.Delay(options.MaxDelayMs).ContinueWith(
            _ =>
            {
                lock (gate)
                {
                    if (heldGeneration == generation)
                    {
                        ReleaseHeld();
                    }
                }
            },
            TaskScheduler.Default);
    }

    private void ReleaseHeld()
    {
        if (held != null)
        {
            byte[] h = held;
            held = null;
            heldGeneration++;
            Emit(h);
        }
    }

    private void EmitLater(byte[] frame)
    {
        lock (gate)
        {
            Emit(frame);
        }
    }

    private void Emit(byte[] frame)
    {
        if (disposed)
        {
            return;
        }

        try
        {
            sink(frame);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The other side has gone: a link that loses frames loses these too.
        }
    }

    private bool Roll(double p) => p > 0 && random.NextDouble() < p;
}
