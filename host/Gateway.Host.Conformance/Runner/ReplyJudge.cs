using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Wire;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// The checks behaviour.md §4 makes on every reply of the board, whatever the scenario expects: it watches every
/// message of the session (opens and closes tell it which file each (pid, coid) names) and judges every
/// successful <c>_IO_MMAP</c> reply — size, reserved fields, offset/fd, USE_EXTENDED and form, the flags /fw/map
/// lists for the resource, the stat against a separate <c>_IO_STAT</c> (times only forward), st_ino stable,
/// st_size, allowed_prot ⊇ required and only R/W/X, EXEC only for files executable by the client, and the same
/// coid for every mapping of a file while its mapping OCB is open — plus known errno values in every error reply.
/// The emulated board's /quirks resources are exempt (they exist to test the memory manager).
/// </summary>
public sealed class ReplyJudge
{
    /// <summary>The rule id the automatic checks report under.</summary>
    public const string Rule = "§4";

    private readonly Dictionary<(int Pid, int Coid), string> connections = new();
    private readonly Dictionary<string, int> mappingCoids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> inodes;
    private readonly BoardFacts facts;
    private readonly HarnessReader reader;
    private readonly Func<int, CredInfo?> credOf;

    /// <param name="inodes">st_ino by path, shared by every session of a run (st_ino is stable across sessions and boots).</param>
    public ReplyJudge(BoardFacts facts, HarnessReader reader, Func<int, CredInfo?> credOf, Dictionary<string, ulong> inodes)
    {
        this.facts = facts;
        this.reader = reader;
        this.credOf = credOf;
        this.inodes = inodes;
    }

    /// <summary>Watches and judges the messages of one step; checks go to <paramref name="step"/>.</summary>
    public async Task JudgeAsync(IReadOnlyList<SentMessage> messages, StepResult step, CancellationToken cancellationToken)
    {
        foreach (SentMessage m in messages)
        {
            if (m.Reply.IsError && Errno.Name(m.Reply.Value) == null)
            {
                step.Add(Rule, "errno-known", "a QNX errno of behaviour.md", $"{m.Kind} answered errno {m.Reply.Value}", false);
            }

            int type = Codec.PeekType(m.Request, 0, m.Request.Length);
            if (type == IoMessageType.Connect)
            {
                Watch(m);
            }
            else if (type == IoMessageType.Close && m.Types.Count == 1 && !m.Reply.IsError)
            {
                Forget(m.Pid, m.Coid);
            }
            else if (type == IoMessageType.Mmap && m.Types.Count == 1 && m.Pid == 1 && !m.Reply.IsError)
            {
                await JudgeMmapAsync(m, step, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Watch(SentMessage m)
    {
        var c = new IoConnect();
        if (m.Reply.IsError || c.Decode(m.Request, 0, m.Request.Length) != DecodeError.None)
        {
            return;
        }

        if (c.Subtype is ConnectSubtype.Open or ConnectSubtype.Combine)
        {
            string path = Encoding.UTF8.GetString(m.Request, c.PathOffset, c.PathLength).TrimEnd('\0');
            connections[(m.Pid, m.Coid)] = "/" + path.Trim('/');
        }
    }

    private void Forget(int pid, int coid)
    {
        connections.Remove((pid, coid));
        if (pid == 1)
        {
            foreach (string path in mappingCoids.Where(kv => kv.Value == coid).Select(kv => kv.Key).ToList())
            {
                mappingCoids.Remove(path);
            }
        }
    }

    private async Task JudgeMmapAsync(SentMessage m, StepResult step, CancellationToken cancellationToken)
    {
        var req = new IoMmapRequest();
        if (req.Decode(m.Request, 0, m.Request.Length) != DecodeError.None)
        {
            return;
        }

        string? path = connections.GetValueOrDefault((req.Info.Pid, req.Info.Coid));
        if (path != null && path.StartsWith("/quirks/", StringComparison.Ordinal))
        {
            return;
        }

        string what = $"_IO_MMAP reply for {path ?? $"pid {req.Info.Pid} coid {req.Info.Coid}"}";
        byte[] body = m.Reply.Body;
        bool sizeOk = body.Length is IoMmapReply.Size or IoMmapReplyExt.Size;
        Check(step, "reply-size", "24 or 184 bytes", $"{body.Length} bytes ({what})", sizeOk);
        if (!sizeOk)
        {
            return;
        }

        MapResource? res = path != null ? facts.Resource(path) : null;
        if (res != null)
        {
            int want = res.Mmap == "plain" ? IoMmapReply.Size : IoMmapReplyExt.Size;
            Check(step, "reply-kind", $"{want} bytes ({res.Mmap} handler in /fw/map)", $"{body.Length} bytes ({what})", body.Length == want);
        }

        var plain = new IoMmapReply();
        plain.Decode(body, 0, body.Length);
        IoMmapReplyExt? ext = null;
        uint flags = 0;
        if (body.Length == IoMmapReplyExt.Size)
        {
            ext = new IoMmapReplyExt();
            DecodeError e = ext.Decode(body, 0, body.Length);
            flags = ext.Flags;
            Check(step, "use-extended", "USE_EXTENDED and a stat form", $"flags 0x{flags:x} ({Describe(flags)}) ({what})",
                MmapReplyFlags.IsExtended(flags) && MmapReplyFlags.StatForm(flags) != StatForm.Unset && e == DecodeError.None);
            bool reservedZero = ext.Base.Zero == 0 && ext.Zero32 == 0 && ext.Zero64.All(z => z == 0) && ext.StatTailNonZeroAt < 0;
            Check(step, "reserved-zero", "zero, zero32, zero64 and the stat union past the form all 0",
                reservedZero ? "all 0" : $"zero 0x{ext.Base.Zero:x}, zero32 0x{ext.Zero32:x}, zero64 [{string.Join(", ", ext.Zero64.Select(z => "0x" + z.ToString("x")))}], stat tail non-zero at {ext.StatTailNonZeroAt} ({what})",
                reservedZero);
            if (path != null && MmapReplyFlags.IsExtended(flags))
            {
                uint declared = res?.Flags ?? 0u;
                int form = facts.FormFor(path);
                uint expected = MmapReplyFlags.UseExtended | MmapReplyFlags.StatFormToFlags(form) | declared;
                string source = res != null ? "the flags /fw/map lists" : "a file created at run time: CACHE_DEFAULT";
                Check(step, "flags", $"0x{expected:x} ({Describe(expected)}; {source})", $"0x{flags:x} ({Describe(flags)}) ({what})", flags == expected);
            }
        }
        else
        {
            Check(step, "reserved-zero", "zero 0", $"zero 0x{plain.Zero:x} ({what})", plain.Zero == 0);
        }

        bool shm = MmapReplyFlags.IsSharedObject(flags);
        if (!shm)
        {
            Check(step, "offset-fd-zero", "offset 0 and fd 0 (no SERVER_SHMEM_OBJECT)", $"offset {plain.Offset}, fd {plain.Fd} ({what})", plain.Offset == 0 && plain.Fd == 0);
        }
        else
        {
            Check(step, "shmem-fd", "fd ≥ 1 and offset = the request's offset (RM-17)", $"fd {plain.Fd}, offset {plain.Offset} for request offset {req.Offset} ({what})", plain.Fd >= 1 && plain.Offset == req.Offset);
        }

        // allowed_prot (MM-4 tolerates an old server's 24-byte 0; the harness judges the board).
        uint allowed = plain.AllowedProt;
        uint required = (req.RequiredProt != 0 ? req.RequiredProt : req.Prot) & Prot.Rwx;
        Check(step, "allowed-superset", $"allowed_prot ⊇ {ProtNames(required)} and PROT_READ", $"{ProtNames(allowed)} ({what})",
            (allowed & required) == required && (allowed & Prot.Read) != 0);
        Check(step, "allowed-rwx", "allowed_prot only READ/WRITE/EXEC", $"{ProtNames(allowed)} ({what})", (allowed & ~Prot.Rwx) == 0);

        // A separate _IO_STAT of the same file, to compare with the reply's stat and to decide executability.
        Stat? separate = null;
        int separateForm = 0;
        BoardReply sr = await reader.Channel.SendAsync(req.Info.Pid, req.Info.Coid, StatRequest(0), cancellationToken).ConfigureAwait(false);
        if (sr.IsError)
        {
            sr = await reader.Channel.SendAsync(1, plain.Coid, StatRequest(0), cancellationToken).ConfigureAwait(false);
        }

        if (!sr.IsError)
        {
            separate = new Stat();
            if (separate.DecodeBySize(sr.Body, 0, sr.Body.Length, out separateForm) != DecodeError.None)
            {
                Check(step, "stat-size", "a 72, 96 or 120-byte _IO_STAT body", $"{sr.Body.Length} bytes ({path})", false);
                separate = null;
            }
        }

        if (separate != null && (allowed & Prot.Exec) != 0)
        {
            bool exec = Executable(path, separate, credOf(req.Info.Pid));
            Check(step, "exec-only-executable", "PROT_EXEC only for a file executable by the client (RM-12)",
                $"PROT_EXEC for a {FileModeNames(separate.Mode)} file of {separate.Uid}:{separate.Gid}, client pid {req.Info.Pid} ({what})", exec);
        }

        if (ext != null && MmapReplyFlags.IsExtended(flags) && MmapReplyFlags.StatForm(flags) != StatForm.Unset)
        {
            Stat st = ext.Stat;
            if (separate != null)
            {
                string diff = CompareStats(st, MmapReplyFlags.StatForm(flags), separate, separateForm);
                Check(step, "stat-vs-io-stat", "the reply's stat = a separate _IO_STAT (times only forward)", diff.Length == 0 ? "agrees" : $"{diff} ({path})", diff.Length == 0);
            }

            if (path != null)
            {
                if (inodes.TryGetValue(path, out ulong ino))
                {
                    Check(step, "st_ino-stable", $"st_ino 0x{ino:x} (seen before)", $"0x{st.Ino:x} ({path})", st.Ino == ino);
                }
                else
                {
                    inodes[path] = st.Ino;
                }
            }

            if (res != null && res.Type is "chr" or "nam")
            {
                Check(step, "st_size", $"{res.Size} (the region's size in /fw/map)", $"{st.Size} ({path})", st.Size == res.Size);
            }
        }

        if (path != null)
        {
            if (mappingCoids.TryGetValue(path, out int coid))
            {
                Check(step, "same-coid", $"coid 0x{coid:x} (the file's mapping OCB is open)", $"0x{plain.Coid:x} ({path})", plain.Coid == coid);
            }
            else
            {
                mappingCoids[path] = plain.Coid;
            }

            connections[(1, plain.Coid)] = path;
        }
    }

    /// <summary>RM-12: a regular file on an exec mount whose mode grants the client execute in its one class (uid 0: any x bit).</summary>
    private bool Executable(string? path, Stat st, CredInfo? cred)
    {
        if (!FileMode.IsReg(st.Mode) || cred == null)
        {
            return false;
        }

        if (path != null && facts.ResourceOrParent(path)?.NoExec == true)
        {
            return false;
        }

        if (cred.Euid == 0)
        {
            return (st.Mode & FileMode.AnyExec) != 0;
        }

        if (cred.Euid == st.Uid)
        {
            return (st.Mode & FileMode.UserExec) != 0;
        }

        bool group = cred.Egid == st.Gid;
        for (int i = 0; i < cred.Ngroups && !group; i++)
        {
            group = cred.Grouplist[i] == st.Gid;
        }

        return group ? (st.Mode & FileMode.GroupExec) != 0 : (st.Mode & FileMode.OtherExec) != 0;
    }

    private static string CompareStats(Stat reply, int replyForm, Stat separate, int separateForm)
    {
        var diffs = new List<string>();
        void Same<T>(string name, T a, T b)
            where T : IEquatable<T>
        {
            if (!a.Equals(b))
            {
                diffs.Add($"{name} {a} in the reply, {b} from _IO_STAT");
            }
        }

        if (replyForm != separateForm)
        {
            diffs.Add($"form {StatForm.Name(replyForm)} in the reply, {StatForm.Name(separateForm)} from _IO_STAT format 0");
        }

        Same("st_ino", reply.Ino, separate.Ino);
        Same("st_size", reply.Size, separate.Size);
        Same("st_dev", reply.Dev, separate.Dev);
        Same("st_rdev", reply.Rdev, separate.Rdev);
        Same("st_uid", reply.Uid, separate.Uid);
        Same("st_gid", reply.Gid, separate.Gid);
        Same("st_mode", reply.Mode, separate.Mode);
        Same("st_nlink", reply.Nlink, separate.Nlink);
        Same("st_blocksize", reply.Blocksize, separate.Blocksize);
        Same("st_nblocks", reply.Nblocks, separate.Nblocks);
        Same("st_blksize", reply.Blksize, separate.Blksize);
        Same("st_blocks", reply.Blocks, separate.Blocks);
        void Forward(string name, long aSec, long aNsec, long bSec, long bNsec)
        {
            if (bSec < aSec || (bSec == aSec && bNsec < aNsec))
            {
                diffs.Add($"{name} went back: {aSec}.{aNsec:D9} in the reply, {bSec}.{bNsec:D9} from _IO_STAT");
            }
        }

        Forward("st_mtime", reply.Mtime, 0, separate.Mtime, 0);
        Forward("st_atime", reply.Atime, 0, separate.Atime, 0);
        Forward("st_ctime", reply.Ctime, 0, separate.Ctime, 0);
        if (replyForm != StatForm.T32_2001 && separateForm != StatForm.T32_2001)
        {
            Forward("st_mtim", reply.MtimSec, reply.MtimNsec, separate.MtimSec, separate.MtimNsec);
            Forward("st_atim", reply.AtimSec, reply.AtimNsec, separate.AtimSec, separate.AtimNsec);
            Forward("st_ctim", reply.CtimSec, reply.CtimNsec, separate.CtimSec, separate.CtimNsec);
        }

        return string.Join("; ", diffs);
    }

    private static void Check(StepResult step, string check, string expected, string observed, bool passed) =>
        step.Add(Rule, check, expected, observed, passed);

    public static string Describe(uint flags) => string.Join("|", FlagNames.MmapReply(flags));

    public static string ProtNames(uint prot) => string.Join("|", FlagNames.Prot(prot));

    private static string FileModeNames(uint mode) => string.Join(" ", FlagNames.Mode(mode));
}
