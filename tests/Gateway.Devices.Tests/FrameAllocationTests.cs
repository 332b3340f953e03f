using System;
using Gateway.Protocol.Link;

namespace Gateway.Devices.Tests;

/// <summary>
/// The link framing of a 4 KiB page allocates nothing (performance.md §1: no allocation per message in the steady state): encoding a reply frame and the
/// board's <see cref="FrameDecoder"/> taking it back, whole and byte by byte, counted with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around N frames (the figures of FrameBenchmarks).
/// </summary>
public sealed class FrameAllocationTests
{
    private const int Frames = 500;

    private readonly byte[] frame = new byte[LinkLimits.FrameLength(LinkLimits.PageSize)];
    private readonly byte[] wire = new byte[LinkLimits.WireLength(LinkLimits.PageSize)];
    private readonly FrameDecoder decoder = new(LinkLimits.DesktopBody);

    public FrameAllocationTests()
    {
        FrameHeader.Write(frame, 0, FrameKind.Reply, 0, 0, 7, LinkLimits.PageSize, 0);
        new Random(4096).NextBytes(frame.AsSpan(FrameHeader.Size, LinkLimits.PageSize));
    }

    [Fact]
    public void PageFrame_EncodeAndDecodeWhole_AllocatesNothing()
    {
        int n = FrameEncoder.Encode(frame, 0, LinkLimits.PageSize, wire, 0);
        decoder.Feed(wire, 0, n);

        long allocated = ThreadAllocations.Least(() =>
        {
            for (int i = 0; i < Frames; i++)
            {
                n = FrameEncoder.Encode(frame, 0, LinkLimits.PageSize, wire, 0);
                decoder.Feed(wire, 0, n);
            }
        });

        Assert.Equal(FrameDecodeStatus.Frame, decoder.Status);
        Assert.Equal(LinkLimits.PageSize, decoder.BodyLength);
        Assert.Equal(0L, allocated);
    }

    [Fact]
    public void PageFrame_DecodeByteByByte_AllocatesNothing()
    {
        int n = FrameEncoder.Encode(frame, 0, LinkLimits.PageSize, wire, 0);
        for (int i = 0; i < n; i++)
        {
            decoder.Feed(wire, i, 1);
        }

        long decodedBefore = decoder.FramesDecoded;
        int rounds = 0;
        long allocated = ThreadAllocations.Least(() =>
        {
            rounds++;
            for (int f = 0; f < Frames / 10; f++)
            {
                for (int i = 0; i < n; i++)
                {
                    decoder.Feed(wire, i, 1);
                }
            }
        });

        Assert.Equal(FrameDecodeStatus.Frame, decoder.Status);
        Assert.Equal(decodedBefore + (rounds * (Frames / 10)), decoder.FramesDecoded);
        Assert.Equal(0L, allocated);
    }
}
