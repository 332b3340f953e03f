using System;
using System.Collections.Generic;
using System.Text.Json;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Gateway.ResourceManager;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// <see cref="ResourceManager.ResourceManager.Handle"/> on a full board with declared processes, exactly as the
/// link calls it. Oracles per input: nothing throws (not even into the manager's own last-resort catch); there is
/// always an answer — an error with a known errno and no body, or a status with a body that fits the reply's
/// capacity, and nothing written outside it (canaries around the body); a malformed message (EBADMSG), and a
/// refused single-part request other than a connect with an attached message, change no count, no size, no RAM
/// use and no OCB. Per
/// epoch: after <see cref="ResourceManager.ResourceManager.EndSession"/> of every session, every count is zero and
/// the OCB table is empty — checked on the tables and in the JSON of <c>/fw/status</c>.
/// </summary>
public sealed class DispatcherFuzzTarget
{
    public const int ReplyCapacity = 16384;
    private const int BodyOffset = 32;
    private const int Guard = 32;
    private const byte Canary = 0xA5;
    private const int StatusSession = 2;

    private readonly byte[] replyBuffer = new byte[BodyOffset + ReplyCapacity + Guard];
    private readonly Reply reply;
    private readonly CombineMessage parts = new();
    private readonly WarningLog log = new();

    /// <param name="factory">Builds the board, logging to the log it is given.</param>
    /// <param name="outcomes">Reply counters to continue (from the previous board of a run), or null.</param>
    public DispatcherFuzzTarget(Func<ILog, ResourceManager.ResourceManager> factory, long[]? outcomes = null)
    {
        Outcomes = outcomes ?? new long[128];
        reply = new Reply(replyBuffer, BodyOffset, ReplyCapacity);
        Rm = factory(log);
        Corpus = FuzzCorpus.Build(Rm);
        FillCanaries();
    }

    public ResourceManager.ResourceManager Rm { get; }

    public FuzzCorpus Corpus { get; }

    /// <summary>Replies by outcome: index 0 successes, else the errno (up to 127).</summary>
    public long[] Outcomes { get; }

    /// <summary>Declares the processes and opens <paramref name="share"/> of the setup files (all when 1), then maps some.</summary>
    public void BeginEpoch(Random rng, double share)
    {
        Corpus.DeclareProcesses(Rm);
        foreach (var o in Corpus.Opens)
        {
            if (share >= 1 || rng.NextDouble() < share)
            {
                Send(0, o.Pid, o.Fd, Connect(o.Path, o.OpenFlags));
                if (share >= 1 || rng.Next(4) == 0)
                {
                    Send(0, FuzzCorpus.MmPid, o.MappingCoid, Mmap(o.Pid, o.Fd, Prot.Read | Prot.Write, Prot.Read, 0, 4096));
                }
            }
        }

        Send(1, FuzzCorpus.UserPid, 3, Connect("dev/gpio/bank0", OpenFlags.ReadWrite));
        Send(1, FuzzCorpus.MmPid, 0x40000000, Mmap(FuzzCorpus.UserPid, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 0, 4096));
    }

    /// <summary>Sends one input; null when every oracle holds, else what failed.</summary>
    public string? Run(byte[] message, int length, int session, int pid, int coid)
    {
        bool judgeNoEffect = parts.Parse(message, 0, length) != DecodeError.None
            || (parts.PartCount == 1 && !(parts.PartType[0] == IoMessageType.Connect && HasAttached(message, length)));
        long before = judgeNoEffect ? StateHash() : 0;
        log.Clear();

        ExceptionWatch.Arm();
        try
        {
            Rm.Handle(session, pid, coid, message, 0, length, reply);
        }
        catch (Exception ex)
        {
            ExceptionWatch.Disarm();
            return $"Handle threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}";
        }

        string? thrown = ExceptionWatch.Disarm();
        if (thrown != null)
        {
            return $"a handler threw (answered {Describe()}): {thrown}";
        }

        if (log.Warnings != null)
        {
            return $"the board logged a warning: {log.Warnings}";
        }

        string? shape = CheckReply();
        if (shape != null)
        {
            return shape;
        }

        Outcomes[reply.IsError ? Math.Min(reply.Value, 127) : 0]++;
        if (reply.IsError && judgeNoEffect && StateHash() != before)
        {
            return $"refused with {Describe()} but changed counts or OCBs";
        }

        return null;
    }

    /// <summary>Ends every session and checks that every count is back to zero (RM-5), on the tables and in /fw/status.</summary>
    public string? EndEpoch()
    {
        for (int s = 0; s < Rm.Config.MaxSessions; s++)
        {
            Rm.EndSession(s);
        }

        string? tables = CheckAllZero("after EndSession");
        if (tables != null)
        {
            return tables;
        }

        string? status = CheckStatusJson();
        Rm.EndSession(StatusSession);
        return status ?? CheckAllZero("after closing /fw/status");
    }

    private string? CheckReply()
    {
        if (reply.Length < 0 || reply.Length > ReplyCapacity)
        {
            return $"reply length {reply.Length} outside 0…{ReplyCapacity}";
        }

        if (reply.IsError)
        {
            if (reply.Value <= 0 || Errno.Name(reply.Value) == null)
            {
                return $"error reply with errno {reply.Value}, not a QNX errno the board uses";
            }

            if (reply.Length != 0)
            {
                return $"error reply {Describe()} with a {reply.Length}-byte body";
            }
        }
        else if (reply.Value < 0)
        {
            return $"success with a negative status {reply.Value}";
        }

        for (int i = 0; i < BodyOffset; i++)
        {
            if (replyBuffer[i] != Canary)
            {
                FillCanaries();
                return $"a handler wrote before the reply body (byte {i - BodyOffset})";
            }
        }

        for (int i = BodyOffset + ReplyCapacity; i < replyBuffer.Length; i++)
        {
            if (replyBuffer[i] != Canary)
            {
                FillCanaries();
                return $"a handler wrote past the reply's capacity (byte {i - BodyOffset})";
            }
        }

        return null;
    }

    private string? CheckAllZero(string when)
    {
        var ns = Rm.Namespace;
        for (int i = 0; i < ns.Count; i++)
        {
            ResourceAttr a = ns[i];
            if (a.OpenCount != 0 || a.ReadCount != 0 || a.WriteCount != 0 || a.DenyReadCount != 0 || a.DenyWriteCount != 0 || a.ExecLocks != 0 || a.MappingOcbs != 0)
            {
                return $"{when}: {a.Path} open {a.OpenCount} read {a.ReadCount} write {a.WriteCount} deny-rd {a.DenyReadCount} deny-wr {a.DenyWriteCount} exec locks {a.ExecLocks} mapping OCBs {a.MappingOcbs}";
            }
        }

        int inUse = Rm.Ocbs.CountInUse();
        return inUse == 0 ? null : $"{when}: {inUse} OCBs still in use";
    }

    /// <summary>Reads /fw/status from a fresh session (its own OCB is the only one in use) and checks every count is 0.</summary>
    private string? CheckStatusJson()
    {
        if (Rm.DeclareProcess(StatusSession, 1, Cred(0, 0), true) != Errno.EOK)
        {
            return "cannot declare a process to read /fw/status";
        }

        Send(StatusSession, 1, 3, Connect("fw/status", OpenFlags.ReadOnly));
        if (reply.IsError)
        {
            return $"open /fw/status: {Describe()}";
        }

        var json = new List<byte>();
        for (int guard = 0; guard < 64; guard++)
        {
            Send(StatusSession, 1, 3, Read(ReplyCapacity));
            if (reply.IsError)
            {
                return $"read /fw/status: {Describe()}";
            }

            if (reply.Length == 0)
            {
                break;
            }

            json.AddRange(new ArraySegment<byte>(replyBuffer, BodyOffset, reply.Length));
        }

        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.GetProperty("truncated").GetBoolean())
            {
                return "/fw/status is truncated";
            }

            int inUse = root.GetProperty("ocbs").GetProperty("in_use").GetInt32();
            if (inUse != 1)
            {
                return $"/fw/status: {inUse} OCBs in use with only its reader open";
            }

            foreach (var f in root.GetProperty("files").EnumerateArray())
            {
                foreach (string count in new[] { "open", "read", "write", "exec_locks", "mapping_ocbs" })
                {
                    if (f.GetProperty(count).GetInt32() != 0)
                    {
                        return $"/fw/status: {f.GetProperty("path").GetString()} {count} = {f.GetProperty(count).GetInt32()} after every session ended";
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"/fw/status is not the documented JSON ({ex.GetType().Name}: {ex.Message}):\n{System.Text.Encoding.UTF8.GetString(json.ToArray())}";
        }

        return null;
    }

    /// <summary>Counts, sizes and RAM capacity of every file, its mount's RAM use, and every OCB field, hashed (times and contents left out).</summary>
    private long StateHash()
    {
        long h = 17;
        var ns = Rm.Namespace;
        for (int i = 0; i < ns.Count; i++)
        {
            ResourceAttr a = ns[i];
            h = (h * 31) + a.OpenCount;
            h = (h * 31) + a.ReadCount;
            h = (h * 31) + a.WriteCount;
            h = (h * 31) + a.DenyReadCount;
            h = (h * 31) + a.DenyWriteCount;
            h = (h * 31) + a.ExecLocks;
            h = (h * 31) + a.MappingOcbs;
            h = (h * 31) + a.Size;
            h = (h * 31) + (a.Data != null ? a.Data.Length : -1);
            h = (h * 31) + (a.Mount != null ? a.Mount.RamUsed : 0);
        }

        var ocbs = Rm.Ocbs;
        for (int i = 0; i < ocbs.Capacity; i++)
        {
            Ocb o = ocbs[i];
            if (!o.InUse)
            {
                continue;
            }

            h = (h * 31) + i;
            h = (h * 31) + o.Session;
            h = (h * 31) + o.Pid;
            h = (h * 31) + o.Coid;
            h = (h * 31) + o.Ioflag;
            h = (h * 31) + o.Offset;
            h = (h * 31) + (o.IsMapping ? 1 : 2);
            h = (h * 31) + (o.HoldsExecLock ? 1 : 2);
        }

        return h;
    }

    private static bool HasAttached(byte[] m, int length) =>
        length >= IoConnect.HeaderSize && (m[IoConnect.OffExtraLen] | m[IoConnect.OffExtraLen + 1]) != 0;

    private void Send(int session, int pid, int coid, byte[] message) => Rm.Handle(session, pid, coid, message, 0, message.Length, reply);

    private string Describe() => reply.IsError ? $"{Errno.Name(reply.Value) ?? "errno"} ({reply.Value})" : $"status {reply.Value}, {reply.Length} bytes";

    private void FillCanaries()
    {
        Array.Fill(replyBuffer, Canary, 0, BodyOffset);
        Array.Fill(replyBuffer, Canary, BodyOffset + ReplyCapacity, Guard);
    }

    /// <summary>Collects what the board logs as a warning (the resource manager's "handler failed").</summary>
    private sealed class WarningLog : ILog
    {
        public string? Warnings { get; private set; }

        public void Clear() => Warnings = null;

        public void Info(string message)
        {
        }

        public void Warn(string message) => Warnings = Warnings == null ? message : Warnings + "; " + message;
    }
}
