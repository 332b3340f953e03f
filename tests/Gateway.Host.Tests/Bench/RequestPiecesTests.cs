using System;
using System.Linq;
using Gateway.Host.Bench;
using Gateway.Host.Bench.Baseline;
using Gateway.InProcess;
using Gateway.Protocol.Desktop;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.ResourceManager;

namespace Gateway.Host.Tests.Bench;

/// <summary>
/// The per-request pieces of <c>gateway bench</c>, old beside new (performance.md §1.1): each old piece kept in
/// Gateway.Host.Bench/Baseline does the same work as the board's current one on the same inputs, and the loop
/// iteration counts the table reports come from the code (the scan's position, the index's chain), not from a
/// timing.
/// </summary>
public sealed class RequestPiecesTests
{
    private readonly RequestPieces p = new();

    [Fact]
    public void Zero_ByteLoopAndArrayClear_LeaveIdenticalBuffers()
    {
        var random = new Random(184);
        var old = new byte[IoMmapReplyExt.Size + 16];
        var now = new byte[old.Length];
        for (int offset = 0; offset < 8; offset++)
        {
            for (int count = 0; count + offset <= IoMmapReplyExt.Size; count++)
            {
                random.NextBytes(old);
                old.CopyTo(now, 0);

                ByteLoopZero.Zero(old, offset, count);
                LittleEndian.Zero(now, offset, count);

                Assert.Equal(old, now);
                Assert.All(old.Skip(offset).Take(count), b => Assert.Equal(0, b));
            }
        }
    }

    [Fact]
    public void MmapReplyZeroed_EncoderOfEachForm_ZeroesThatManyBytesPastTheFields()
    {
        // The pieces table zeroes as many bytes as IoMmapReplyExt.Encode does: zero32, zero64[4] and the union's tail.
        foreach (int form in new[] { StatForm.T32_2001, StatForm.T64_2008 })
        {
            var reply = new IoMmapReplyExt { Flags = MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(form) };
            var b = Enumerable.Repeat((byte)0xA5, IoMmapReplyExt.Size).ToArray();
            reply.Encode(b, 0);

            int reserved = b.Skip(IoMmapReplyExt.OffZero32).Take(IoMmapReplyExt.OffStat - IoMmapReplyExt.OffZero32).Count(x => x == 0);
            int tail = b.Skip(IoMmapReplyExt.OffStat + StatForm.SizeOf(form)).Count(x => x == 0);
            Assert.Equal(RequestPieces.MmapReplyZeroed(form), reserved + tail);
        }

        Assert.Equal(36, RequestPieces.MmapReplyZeroed(StatForm.T64_2008));
        Assert.Equal(84, RequestPieces.MmapReplyZeroed(StatForm.T32_2001));
    }

    [Fact]
    public void Find_ScanAndIndex_SameEntryForEveryPidFrom0To200()
    {
        // rules.md §5: every request's sender is looked up; an undeclared one is refused EPERM.
        foreach (var (scan, index) in new[] { (p.Scan, p.Index), (p.SteadyScan, p.SteadyIndex) })
        {
            for (int session = 0; session <= RequestPieces.Sessions; session++)
            {
                for (int pid = 0; pid <= 200; pid++)
                {
                    ProcessEntry? old = scan.Find(session, pid);
                    ProcessEntry? now = index.Find(session, pid);

                    Assert.Equal(old == null, now == null);
                    if (old != null)
                    {
                        Assert.Equal((old.Live, old.Session, old.Pid, old.Is64Bit), (now!.Live, now.Session, now.Pid, now.Is64Bit));
                    }
                }
            }
        }

        Assert.NotNull(p.Index.Find(3, 32));
        Assert.Null(p.Index.Find(0, 33));
    }

    [Fact]
    public void Iterations_DeclaredPidAmong128_ScanWalksToItsPositionIndexProbesAtMostTwo()
    {
        int most = 0;
        for (int i = 0; i < RequestPieces.TableSize; i++)
        {
            var (session, pid) = p.Declared(i);

            Assert.Equal(i + 1, p.Scan.Iterations(session, pid));
            int probes = p.Index.Probes(session, pid);
            Assert.InRange(probes, 1, 2);
            most = Math.Max(most, probes);
        }

        Assert.Equal(RequestPieces.TableSize, p.Scan.Iterations(0, SteadyStateRequests.UndeclaredPid));
        Assert.InRange(p.Index.Probes(0, SteadyStateRequests.UndeclaredPid), 0, 2);
        Assert.Equal(RequestPieces.TableSize, p.SteadyScan.Iterations(0, SteadyStateRequests.UndeclaredPid));
        Assert.Equal(0, p.SteadyIndex.Probes(0, SteadyStateRequests.UndeclaredPid));
    }

    [Fact]
    public void Decode_OnePartMmap_SameFieldsDecodedTwiceThenOnce()
    {
        Assert.Equal(DecodeError.None, p.OldDecodeMmap());
        Assert.Equal(DecodeError.None, p.NewDecodeMmap());

        AssertSameRequest(p.Twice.Request, p.Once.Request);
        Assert.Equal(SteadyStateRequests.ClientPid, p.Once.Request.Info.Pid);
        Assert.Equal((2, 1), (p.Twice.Decodes, p.Once.Decodes));
        Assert.Equal((9, 6), (RequestPieces.DecodeIterations(p.Twice.Parts, p.Twice.Decodes), RequestPieces.DecodeIterations(p.Once.Parts, p.Once.Decodes)));
    }

    [Fact]
    public void Decode_TwoMmapParts_EachDecodedAgainToRun()
    {
        // RM-0: both parts are validated before either runs. The resource manager decodes a part again only when
        // its decoder has moved on to another part: with two _IO_MMAP parts it always has, so the saving is the
        // one-part case's (the common one) and two parts cost 4 passes both ways.
        byte[] first = QnxRequests.Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096);
        LittleEndian.WriteU16(first, 2, (ushort)(LittleEndian.ReadU16(first, 2) | IoMessageType.CombineFlag));
        byte[] message = QnxRequests.Concat(first, QnxRequests.Mmap(2, 4, Prot.Read | Prot.Write, Prot.Read, 4096, 8192));
        var twice = new DecodeTwiceMmap();
        var once = new DecodeOnceMmap();

        Assert.Equal(DecodeError.None, twice.Decode(message, 0, message.Length));
        Assert.Equal(DecodeError.None, once.Decode(message, 0, message.Length));

        Assert.Equal((2, 4, 4), (once.Parts, twice.Decodes, once.Decodes));
        AssertSameRequest(twice.Request, once.Request);
        Assert.Equal(4, once.Request.Info.Coid);
    }

    [Fact]
    public void Decode_Truncated_SameErrorBothWays()
    {
        byte[] message = QnxRequests.Mmap(2, 3, Prot.Read, Prot.Read, 0, 4096);

        Assert.Equal(new DecodeTwiceMmap().Decode(message, 0, 40), new DecodeOnceMmap().Decode(message, 0, 40));
        Assert.NotEqual(DecodeError.None, new DecodeOnceMmap().Decode(message, 0, 40));
    }

    [Fact]
    public void MeasureAll_EveryPiece_OldAndNewTimedWithTheCountsFromCode()
    {
        var rows = RequestPieceResult.MeasureAll(9);

        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.True(r.OldNs > 0 && r.NewNs > 0 && r.Ratio > 0, r.ToString()));
        Assert.Equal(new double[] { 184, 84, 36 }, rows.Take(3).Select(r => r.OldLoopIterations).ToArray());
        Assert.All(rows.Take(3), r => Assert.Equal(0, r.NewLoopIterations));
        Assert.Equal((RequestPieces.TableSize + 1) / 2.0, rows[3].OldLoopIterations);
        Assert.InRange(rows[3].NewLoopIterations, 1, 2);
        Assert.Equal(RequestPieces.TableSize, rows[4].OldLoopIterations);
        Assert.Equal(RequestPieces.TableSize, rows[5].OldLoopIterations);
        Assert.Equal(0, rows[5].NewLoopIterations);
        Assert.Equal((9, 6), (rows[6].OldLoopIterations, rows[6].NewLoopIterations));
    }

    private static void AssertSameRequest(IoMmapRequest a, IoMmapRequest b)
    {
        Assert.Equal((a.Prot, a.Offset, a.RequiredProt, a.RequestedLen, a.Info.Pid, a.Info.Coid, a.Info.Flags), (b.Prot, b.Offset, b.RequiredProt, b.RequestedLen, b.Info.Pid, b.Info.Coid, b.Info.Flags));
    }
}
