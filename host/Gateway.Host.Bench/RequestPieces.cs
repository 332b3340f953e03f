using Gateway.Host.Bench.Baseline;
using Gateway.InProcess;
using Gateway.Protocol.Desktop;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.ResourceManager;

namespace Gateway.Host.Bench;

/// <summary>
/// The pieces of the per-request path that issue 10 replaced, old (<see cref="Baseline"/>) beside the board's
/// current code, on the same inputs: zero-filling a reply's reserved bytes, the sender look-up in the
/// declared-process table, and the decoding of an <c>_IO_MMAP</c> request. Each method is one call, shared by
/// <c>gateway bench</c> (<see cref="RequestPieceResult.MeasureAll"/>) and the BenchmarkDotNet project; the loop
/// iteration counts are what nanoFramework's interpreter multiplies (performance.md §1.1).
/// </summary>
public sealed class RequestPieces
{
    /// <summary>The emulated board's process table: 4 sessions × 32 processes (RmConfig).</summary>
    public const int Sessions = 4;
    public const int PidsPerSession = 32;
    public const int TableSize = Sessions * PidsPerSession;

    /// <summary>
    /// The bytes <c>IoMmapReplyExt.Encode</c> zeroes for a stat form: zero32, zero64[4] and the stat union past the
    /// form (36 for T64_2008 on a 64-bit board, 84 for T32_2001 on a 32-bit one such as the ESP32).
    /// </summary>
    public static int MmapReplyZeroed(int statForm) => 4 + (8 * IoMmapReplyExt.Zero64Count) + (StatForm.UnionSize - StatForm.SizeOf(statForm));

    private readonly byte[] oldBuffer = new byte[IoMmapReplyExt.Size];
    private readonly byte[] newBuffer = new byte[IoMmapReplyExt.Size];
    private readonly int[] sessions = new int[TableSize];
    private readonly int[] pids = new int[TableSize];
    private readonly byte[] mmap;

    public RequestPieces()
    {
        Scan = new ScanningProcessTable(TableSize);
        Index = new ProcessTable(TableSize);
        SteadyScan = new ScanningProcessTable(TableSize);
        SteadyIndex = new ProcessTable(TableSize);
        var cred = new CredInfo();
        int k = 0;
        for (int s = 0; s < Sessions; s++)
        {
            for (int p = 1; p <= PidsPerSession; p++)
            {
                Expect(Scan.Declare(s, p, cred, true, PidsPerSession) == Errno.EOK && Index.Declare(s, p, cred, true, PidsPerSession) == Errno.EOK, $"declare session {s} pid {p}");
                sessions[k] = s;
                pids[k] = p;
                k++;
            }
        }

        // The steady state of SteadyStateRequests: the memory manager and one client in session 0.
        foreach (int p in new[] { SteadyStateRequests.MmPid, SteadyStateRequests.ClientPid })
        {
            Expect(SteadyScan.Declare(0, p, cred, true, PidsPerSession) == Errno.EOK && SteadyIndex.Declare(0, p, cred, true, PidsPerSession) == Errno.EOK, $"declare pid {p}");
        }

        mmap = QnxRequests.Mmap(SteadyStateRequests.ClientPid, SteadyStateRequests.BankFd, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 0, SteadyStateRequests.PageSize);
        Expect(Twice.Decode(mmap, 0, mmap.Length) == DecodeError.None && Once.Decode(mmap, 0, mmap.Length) == DecodeError.None, "decode the _IO_MMAP");
    }

    /// <summary>Every entry live: sessions 0–3, pids 1–32 each, declared in that order.</summary>
    public ScanningProcessTable Scan { get; }

    public ProcessTable Index { get; }

    /// <summary>Two entries live (pids 1 and 2 of session 0), as on the emulated board in the steady state.</summary>
    public ScanningProcessTable SteadyScan { get; }

    public ProcessTable SteadyIndex { get; }

    public DecodeTwiceMmap Twice { get; } = new();

    public DecodeOnceMmap Once { get; } = new();

    public byte[] OldBuffer => oldBuffer;

    public byte[] NewBuffer => newBuffer;

    /// <summary>Declared (session, pid) number <paramref name="i"/> (0 … <see cref="TableSize"/> − 1).</summary>
    public (int Session, int Pid) Declared(int i) => (sessions[i], pids[i]);

    public void OldZero(int count) => ByteLoopZero.Zero(oldBuffer, 0, count);

    public void NewZero(int count) => LittleEndian.Zero(newBuffer, 0, count);

    /// <summary>Declared process number <paramref name="i"/> modulo the table, old scan; its pid (or 0 if not found).</summary>
    public int OldFindDeclared(int i)
    {
        int k = i & (TableSize - 1);
        ProcessEntry? e = Scan.Find(sessions[k], pids[k]);
        return e == null ? 0 : e.Pid;
    }

    public int NewFindDeclared(int i)
    {
        int k = i & (TableSize - 1);
        ProcessEntry? e = Index.Find(sessions[k], pids[k]);
        return e == null ? 0 : e.Pid;
    }

    public bool OldFindUndeclared() => Scan.Find(0, SteadyStateRequests.UndeclaredPid) == null;

    public bool NewFindUndeclared() => Index.Find(0, SteadyStateRequests.UndeclaredPid) == null;

    public bool OldFindUndeclaredSteady() => SteadyScan.Find(0, SteadyStateRequests.UndeclaredPid) == null;

    public bool NewFindUndeclaredSteady() => SteadyIndex.Find(0, SteadyStateRequests.UndeclaredPid) == null;

    public DecodeError OldDecodeMmap() => Twice.Decode(mmap, 0, mmap.Length);

    public DecodeError NewDecodeMmap() => Once.Decode(mmap, 0, mmap.Length);

    /// <summary>
    /// Managed loop iterations of one decode above: the combine parse's part loop, the validate and run loops over
    /// the parts (one iteration per part each), and <c>IoMmapRequest.Decode</c>'s loop over its reserved words per
    /// decoder pass (the field reads themselves are straight-line code).
    /// </summary>
    public static int DecodeIterations(int parts, int decodes) => (3 * parts) + (decodes * IoMmapRequest.ZeroCount);

    private static void Expect(bool ok, string what)
    {
        if (!ok)
        {
            throw new BenchException($"request pieces: {what} failed");
        }
    }
}
