using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>
/// The decision tables of RM-9 … RM-14 and RM-16: every combination of open mode × mount × prot ×
/// required_prot × credentials × mode bits, against an oracle written from behaviour.md (not from the code),
/// with "a refused request changes nothing" checked on each refusal and all counts back to zero after each case.
/// </summary>
public sealed class MmapDecisionTableTests
{
    private static readonly uint[] OpenModes = { OpenFlags.ReadOnly, OpenFlags.WriteOnly, OpenFlags.ReadWrite, OpenFlags.Exec };
    private static readonly uint[] Prots =
    {
        Prot.None, Prot.Read, Prot.Write, Prot.Read | Prot.Write, Prot.Exec, Prot.Read | Prot.Exec,
        Prot.Read | Prot.Write | Prot.Exec, Prot.Read | Prot.NoCache, Prot.Write | 0x1000,
    };

    private static readonly uint[] RequiredProts = { 0, Prot.Read, Prot.Read | Prot.Write, Prot.Read | Prot.Exec, Prot.Write, Prot.Exec | Prot.NoCache };
    private static readonly uint[] Modes = { 0x1ED /*0755*/, 0x1A4 /*0644*/, 0x180 /*0600*/, 0x1EC /*0754*/, 0x1E4 /*0744*/, 0x1C9 /*0711*/, 0x1B6 /*0666*/ };

    private sealed record Who(string Name, int Uid, int Gid, int[] Groups);

    private static readonly Who[] Creds =
    {
        new("owner", 100, 100, new int[0]),
        new("group", 101, 30, new int[0]),
        new("supplementary", 101, 99, new[] { 5, 30 }),
        new("other", 101, 99, new int[0]),
        new("root", 0, 0, new int[0]),
    };

    private enum MountKind { Rw, Ro, NoExec }

    private static bool ClassAllows(uint mode, Who who, int bit /*4 r, 2 w, 1 x*/)
    {
        uint cls = who.Uid == 100 ? (mode >> 6) & 7 : (who.Gid == 30 || System.Array.IndexOf(who.Groups, 30) >= 0) ? (mode >> 3) & 7 : mode & 7;
        return (cls & bit) != 0;
    }

    /// <summary>RM-12, written from the rule text.</summary>
    private static bool Executable(uint mode, Who who, MountKind m) =>
        m != MountKind.NoExec && (who.Uid == 0 ? (mode & 0x49) != 0 : ClassAllows(mode, who, 1));

    /// <summary>RM-1 for an existing regular file that no one else holds.</summary>
    private static int ExpectedOpen(uint oflag, uint mode, Who who, MountKind m)
    {
        bool r = oflag == OpenFlags.ReadOnly || oflag == OpenFlags.ReadWrite;
        bool w = oflag == OpenFlags.WriteOnly || oflag == OpenFlags.ReadWrite;
        bool x = oflag == OpenFlags.Exec;
        if (w && m == MountKind.Ro) return Errno.EROFS;
        if (who.Uid != 0 && ((r && !ClassAllows(mode, who, 4)) || (w && !ClassAllows(mode, who, 2)))) return Errno.EACCES;
        if (x && !Executable(mode, who, m)) return Errno.EACCES;
        return Errno.EOK;
    }

    /// <summary>RM-9 … RM-14 and RM-16's allowed_prot (offset 0, length 4096 of a 4096-byte regular file).</summary>
    private static (int Errno, uint Allowed) ExpectedMmap(uint oflag, uint mode, Who who, MountKind m, uint prot, uint required)
    {
        bool rd = oflag == OpenFlags.ReadOnly || oflag == OpenFlags.ReadWrite;
        bool wr = oflag == OpenFlags.WriteOnly || oflag == OpenFlags.ReadWrite;
        uint req = (required != 0 ? required : prot) & (Prot.Read | Prot.Write | Prot.Exec);
        bool exec = Executable(mode, who, m);
        if ((req & Prot.Write) != 0 && m == MountKind.Ro) return (Errno.EROFS, 0);
        if (!rd) return (Errno.EACCES, 0);
        if ((req & Prot.Write) != 0 && !wr) return (Errno.EACCES, 0);
        if ((req & Prot.Exec) != 0 && !exec) return (Errno.EACCES, 0);
        if ((req & Prot.Exec) != 0 && wr) return (Errno.EBUSY, 0); // the client's own O_RDWR fd counts (RM-14)
        uint allowed = Prot.Read | (wr && m != MountKind.Ro ? Prot.Write : 0) | (exec ? Prot.Exec : 0);
        return (Errno.EOK, allowed);
    }

    [Fact]
    public void Mmap_EveryCombination_MatchesTheRules()
    {
        var failures = new List<string>();
        int cases = 0, mapped = 0;
        foreach (var who in Creds)
        {
            var h = new RmHarness();
            Assert.Equal(0, h.Declare(0, 1, Cred(0, 0)));
            Assert.Equal(0, h.Declare(0, 2, Cred(who.Uid, who.Gid, who.Groups)));
            var dirs = new Dictionary<MountKind, ResourceAttr>
            {
                [MountKind.Rw] = h.Dir(h.Rm.Namespace.Root, "t-rw", 0x1ED, h.Rw),
                [MountKind.Ro] = h.Dir(h.Rm.Namespace.Root, "t-ro", 0x1ED, h.Ro),
                [MountKind.NoExec] = h.Dir(h.Rm.Namespace.Root, "t-nx", 0x1ED, h.NoExec),
            };
            foreach (var (kind, dir) in dirs)
            {
                foreach (var mode in Modes)
                {
                    var file = h.File(dir, "m" + System.Convert.ToString(mode, 8), mode, 100, 30, 4096, dir.Mount, 0);
                    string path = file.Path;
                    foreach (var oflag in OpenModes)
                    {
                        int openExpected = ExpectedOpen(oflag, mode, who, kind);
                        var open = h.Open(2, 3, path, oflag);
                        if (open.Errno != openExpected)
                        {
                            failures.Add($"open {path} {who.Name} oflag={oflag}: expected {Errno.Name(openExpected)}, got {open}");
                            if (!open.IsError) h.CloseFd(2, 3);
                            continue;
                        }

                        if (open.IsError) continue;
                        foreach (var prot in Prots)
                        {
                            foreach (var required in RequiredProts)
                            {
                                cases++;
                                var (expErrno, expAllowed) = ExpectedMmap(oflag, mode, who, kind, prot, required);
                                string before = h.StateFingerprint();
                                var r = h.MapFor(2, 3, prot, required);
                                string label = $"{path} {who.Name} oflag={oflag} prot={prot:x} required={required:x}";
                                if (r.Errno != expErrno)
                                {
                                    failures.Add($"{label}: expected {Errno.Name(expErrno)}, got {r}");
                                }
                                else if (r.IsError)
                                {
                                    if (h.StateFingerprint() != before) failures.Add($"{label}: refusal changed state");
                                }
                                else
                                {
                                    mapped++;
                                    var reply = new IoMmapReplyExt();
                                    reply.Decode(r.Body, 0, r.Body.Length);
                                    if (reply.Base.AllowedProt != expAllowed) failures.Add($"{label}: allowed {reply.Base.AllowedProt:x}, expected {expAllowed:x}");
                                    uint req = (required != 0 ? required : prot) & 0x700;
                                    if ((reply.Base.AllowedProt & req) != req) failures.Add($"{label}: allowed does not cover required");
                                    var a = file;
                                    if (a.MappingOcbs != 1) failures.Add($"{label}: mapping OCBs {a.MappingOcbs}");
                                    if (a.ExecLocks != ((req & Prot.Exec) != 0 ? 1 : 0)) failures.Add($"{label}: exec locks {a.ExecLocks}");
                                    Assert.False(h.Send(0, 1, reply.Base.Coid, Close()).IsError);
                                }
                            }
                        }

                        h.CloseFd(2, 3);
                        if (file.OpenCount != 0 || file.ReadCount != 0 || file.WriteCount != 0 || file.ExecLocks != 0 || file.MappingOcbs != 0)
                        {
                            failures.Add($"{path} {who.Name} oflag={oflag}: counts did not return to zero");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures.GetRange(0, System.Math.Min(40, failures.Count))));
        Assert.True(cases > 10000, $"only {cases} cases ran");
        Assert.True(mapped > 1000, $"only {mapped} mappings succeeded");
    }
}
