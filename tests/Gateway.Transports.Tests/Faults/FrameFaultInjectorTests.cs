using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading.Tasks;
using Gateway.Host.Targets.Faults;
using Gateway.Protocol.Link;

namespace Gateway.Transports.Tests.Faults;

public sealed class FrameFaultInjectorTests
{
    // Four link frames as they look on the wire (preamble, header, body of 1 … 3 bytes, CRC).
    private static readonly byte[][] Frames =
    {
        WireFrame(0x0A, 1),
        WireFrame(0x0B, 2),
        WireFrame(0x0C, 3),
        WireFrame(0x0D, 1),
    };

    private static byte[] WireFrame(byte fill, int bodyLength)
    {
        byte[] frame = new byte[LinkLimits.FrameLength(bodyLength)];
        FrameHeader.Write(frame, 0, FrameKind.Request, 0, 0, fill, 1, 3);
        frame.AsSpan(FrameHeader.Size, bodyLength).Fill(fill);
        byte[] wire = new byte[LinkLimits.WireLength(bodyLength)];
        int n = FrameEncoder.Encode(frame, 0, bodyLength, wire, 0);
        return wire.AsSpan(0, n).ToArray();
    }

    private static (FrameFaultInjector Injector, List<byte[]> Out) Create(FaultOptions options)
    {
        var output = new List<byte[]>();
        var injector = new FrameFaultInjector(options, f =>
        {
            lock (output)
            {
                output.Add(f.ToArray());
            }
        });
        return (injector, output);
    }

    private static List<byte[]> Snapshot(List<byte[]> output)
    {
        lock (output)
        {
            return output.ToList();
        }
    }

    [Fact]
    public void NoFaults_EveryFramePassesUnchangedAndInOrder()
    {
        var (injector, output) = Create(FaultOptions.None);

        foreach (byte[] f in Frames)
        {
            injector.Write(f);
        }

        Assert.Equal(Frames, output);
        Assert.Equal(4, injector.Stats.Frames);
    }

    [Fact]
    public void Write_FrameSplitAcrossCalls_IsJudgedWhole()
    {
        var (injector, output) = Create(FaultOptions.None);
        byte[] all = Frames.SelectMany(f => f).ToArray();

        foreach (byte b in all)
        {
            injector.Write(new[] { b });
        }

        Assert.Equal(Frames, output);
    }

    [Fact]
    public void DropEverything_DeliversNothingAndCountsEachFrame()
    {
        var (injector, output) = Create(new FaultOptions { Drop = 1 });

        foreach (byte[] f in Frames)
        {
            injector.Write(f);
        }

        Assert.Empty(output);
        Assert.Equal(4, injector.Stats.Dropped);
    }

    [Fact]
    public void DuplicateEverything_DeliversEachFrameTwice()
    {
        var (injector, output) = Create(new FaultOptions { Duplicate = 1 });

        foreach (byte[] f in Frames)
        {
            injector.Write(f);
        }

        Assert.Equal(Frames.SelectMany(f => new[] { f, f }), output);
    }

    [Fact]
    public void CorruptEverything_FlipsExactlyOneBitPastTheMarker()
    {
        var (injector, output) = Create(new FaultOptions { Corrupt = 1, Seed = 99 });

        foreach (byte[] f in Frames)
        {
            injector.Write(f);
        }

        Assert.Equal(4, output.Count);
        for (int i = 0; i < 4; i++)
        {
            int flipped = Frames[i].Zip(output[i], (a, b) => BitOperations.PopCount((uint)(a ^ b))).Sum();
            Assert.Equal(1, flipped);
            Assert.Equal(Frames[i].AsSpan(0, FramePreamble.MarkerSize).ToArray(), output[i].AsSpan(0, FramePreamble.MarkerSize).ToArray());
        }
    }

    [Fact]
    public void ReorderEverything_SwapsNeighbouringFrames()
    {
        var (injector, output) = Create(new FaultOptions { Reorder = 1, MaxDelayMs = 60_000 });

        foreach (byte[] f in Frames)
        {
            injector.Write(f);
        }

        // Frame 1 is held; frame 2 finds the hold taken, goes out, and releases frame 1; likewise 3 and 4.
        Assert.Equal(new[] { Frames[1], Frames[0], Frames[3], Frames[2] }, output);
        Assert.Equal(2, injector.Stats.Reordered);
    }

    [Fact]
    public async Task Reorder_LoneFrame_IsReleasedAfterTheMaximumDelay()
    {
        var (injector, output) = Create(new FaultOptions { Reorder = 1, MaxDelayMs = 10 });

        injector.Write(Frames[0]);
        long deadline = Environment.TickCount64 + 10_000;
        while (Snapshot(output).Count == 0 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(new[] { Frames[0] }, Snapshot(output));
    }

    [Fact]
    public async Task DelayEverything_EveryFrameStillArrives()
    {
        var (injector, output) = Create(new FaultOptions { Delay = 1, MaxDelayMs = 15, Seed = 5 });

        foreach (byte[] f in Frames)
        {
            injector.Write(f);
        }

        long deadline = Environment.TickCount64 + 10_000;
        while (Snapshot(output).Count < 4 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(Frames.Select(Convert.ToHexString).Order(), Snapshot(output).Select(Convert.ToHexString).Order());
        Assert.Equal(4, injector.Stats.Delayed);
    }

    [Fact]
    public void IdleFillBetweenFrames_PassesUntouchedAndFramesStayWhole()
    {
        var (injector, output) = Create(FaultOptions.None);
        byte[] fill = { 0x00, 0xA5, 0x00, 0xFF };

        injector.Write(fill.Concat(Frames[0]).Concat(Frames[1]).ToArray());

        Assert.Equal(fill.Concat(Frames[0]).Concat(Frames[1]).ToArray(), Snapshot(output).SelectMany(f => f).ToArray());
        Assert.Contains(Snapshot(output), f => f.SequenceEqual(Frames[0]));
        Assert.Contains(Snapshot(output), f => f.SequenceEqual(Frames[1]));
    }

    [Fact]
    public void SameSeed_SameDecisions()
    {
        var options = new FaultOptions { Drop = 0.3, Corrupt = 0.3, Duplicate = 0.3, Seed = 1234 };
        var (a, outA) = Create(options);
        var (b, outB) = Create(options);
        byte[][] many = Enumerable.Range(0, 500).Select(i => WireFrame((byte)(1 + (i % 250)), 1 + (i % 3))).ToArray();

        foreach (byte[] f in many)
        {
            a.Write(f);
            b.Write(f);
        }

        Assert.Equal(outA, outB);
        Assert.Equal((1234, 1234), (a.Seed, b.Seed));
        Assert.InRange(a.Stats.Dropped, 100, 200);
    }

    [Fact]
    public void SeedZero_PicksAndExposesAFreshSeed()
    {
        var (injector, _) = Create(FaultOptions.Uniform(0.01));

        Assert.NotEqual(0, injector.Seed);
        Assert.Contains($"seed={injector.Seed}", injector.ToString());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_RateOutsideZeroToOne_AreRejected(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(new FaultOptions { Drop = rate }));
    }

    [Fact]
    public void FaultyLink_ToString_NamesTheSeed()
    {
        var link = new FaultyLink(FaultOptions.Uniform(0.01, seed: 42));

        Assert.Equal(42, link.Seed);
        Assert.Equal((42, 43), (link.HostToBoard.Seed, link.BoardToHost.Seed));
        Assert.StartsWith("faulty link seed=42", link.ToString());
    }
}
