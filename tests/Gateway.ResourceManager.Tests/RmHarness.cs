using System;
using System.Text;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;
using Gateway.ResourceManager.Introspection;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>
/// A resource manager with a namespace shaped like system.md §4 (RAM-backed, without devices), and helpers that
/// encode requests with the codecs and send them through <see cref="IMessageHandler.Handle"/>, exactly as the
/// link does.
/// </summary>
public sealed class RmHarness
{
    public const int MmPid = 1;
    public const int FirstMmCoid = 0x40000000;

    public readonly ManualClock Clock = new();
    public readonly ResourceManager Rm;
    public readonly Mount RootMount = new("root", 0, false, 0);
    public readonly Mount Rw = new("rw", 0, false, 0);
    public readonly Mount Ro = new("ro", MountFlags.ReadOnly, false, 0);
    public readonly Mount Data = new("data", 0, true, 64 * 1024);
    public readonly Mount NoExec = new("noexec", MountFlags.NoExec, false, 0);
    public readonly StatusResource Status;
    private readonly DirectClient client;
    private int nextMmCoid = FirstMmCoid;

    public RmHarness(RmConfig? config = null, int replyCapacity = 16384)
    {
        config ??= new RmConfig();
        Rm = new ResourceManager(config, RootMount, Clock, null);
        client = new DirectClient(Rm, replyCapacity);
        var ns = Rm.Namespace;
        var dev = Dir(ns.Root, "dev", 0x1ED, RootMount);
        Region(Dir(dev, "gpio", 0x1ED, Rw), "bank0", FileMode.Chr | 0x1B0, 0, 20, 4096, MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
        var shm = Dir(dev, "shmem", 0x1ED, Rw);
        var scratch = Region(shm, "scratch", FileMode.Nam | 0x1B6, 0, 0, 65536, MmapReplyFlags.CacheDefault | MmapReplyFlags.BypassFstatvfs);
        scratch.Rdev = FileMode.SubtypeShm;
        scratch.SharedObjectId = 1;
        var ser = Region(dev, "ser1", FileMode.Chr | 0x190, 0, 0, 0, 0);
        ser.Funcs.Mmap = (_, _, _) => Protocol.Qnx.Errno.ENOSYS;
        var mem = Region(dev, "mem", FileMode.Chr | 0x180, 0, 0, 1L << 32, MmapReplyFlags.CacheForceInvalidate | MmapReplyFlags.BypassFstatvfs);
        mem.Data = null;
        mem.Windows = new ulong[] { 0xFE200000, 4096 };
        var fw = Dir(ns.Root, "fw", 0x1ED, Ro);
        File(fw, "info", 0x124, 0, 0, 64, Ro, MmapReplyFlags.CacheReadFromCache);
        Status = new StatusResource(Rm, fw, Ro);
        var bin = Dir(fw, "bin", 0x1ED, Ro);
        File(bin, "blink", 0x1ED, 0, 0, 4096, Ro, MmapReplyFlags.CacheReadFromCache);
        File(bin, "table.bin", 0x1A4, 0, 0, 4096, Ro, MmapReplyFlags.CacheReadFromCache);
        var data = Dir(ns.Root, "data", 0x1FF, Data);
        File(data, "app", 0x1ED, 100, 100, 8192, Data, 0);
        File(data, "grpexec", 0x1EC, 100, 30, 4096, Data, 0);
        File(data, "ownerexec", 0x1E4, 100, 100, 4096, Data, 0);
        File(data, "notes.txt", 0x1A4, 100, 100, 1024, Data, 0).MmapReply = MmapReplyKind.Plain;
        File(data, "private", 0x180, 100, 100, 4096, Data, 0);
        File(data, "sticky", 0x3A4, 100, 100, 4096, Data, 0);
        File(data, "form32", 0x1A4, 100, 100, 4096, Data, 0).FixedStatForm = StatForm.T32_2008;
        var noexec = Dir(ns.Root, "noexec", 0x1ED, NoExec);
        File(noexec, "tool", 0x1ED, 0, 0, 4096, NoExec, 0);
    }

    public ResourceAttr Dir(ResourceAttr parent, string name, uint perm, Mount mount)
    {
        var a = Rm.Namespace.AddDirectory(parent, name, perm, 0, 0, mount);
        Rm.StampNow(a);
        return a;
    }

    public ResourceAttr Region(ResourceAttr parent, string name, uint mode, int uid, int gid, long size, uint flags)
    {
        var a = Rm.Namespace.Add(parent, name, mode, uid, gid, parent.Mount);
        a.Size = size;
        a.FixedSize = true;
        a.Data = size <= 65536 ? new byte[size] : null;
        a.MmapReply = MmapReplyKind.Extended;
        a.MmapFlags = flags;
        Rm.StampNow(a);
        return a;
    }

    public ResourceAttr File(ResourceAttr parent, string name, uint perm, int uid, int gid, int size, Mount mount, uint flags)
    {
        var a = Rm.Namespace.Add(parent, name, FileMode.Reg | perm, uid, gid, mount);
        a.Size = size;
        a.Data = new byte[size];
        for (int i = 0; i < size; i++)
        {
            a.Data[i] = (byte)(i * 7 + name.Length);
        }

        a.Growable = mount.RamBudget > 0;
        a.MmapReply = MmapReplyKind.Extended;
        a.MmapFlags = flags;
        Rm.StampNow(a);
        return a;
    }

    public ResourceAttr Attr(string path) => Rm.Namespace.Find(path) ?? throw new ArgumentException("no such path " + path);

    public int NewMmCoid() => nextMmCoid++;

    public int Declare(int session, int pid, CredInfo cred, bool is64 = true) => Rm.DeclareProcess(session, pid, cred, is64);

    /// <summary>Declares the memory manager (pid 1, root) and a client in session 0.</summary>
    public RmHarness WithProcesses(int clientPid = 2, int uid = 100, int gid = 100, params int[] groups)
    {
        Assert.Equal(0, Declare(0, MmPid, Cred(0, 0)));
        Assert.Equal(0, Declare(0, clientPid, Cred(uid, gid, groups)));
        return this;
    }

    public RmResult Send(int session, int pid, int coid, byte[] message) => Send(session, pid, coid, message, 0, message.Length);

    public RmResult Send(int session, int pid, int coid, byte[] message, int offset, int length) => client.Send(session, pid, coid, message, offset, length);

    public RmResult Open(int pid, int fd, string path, uint oflag, ushort sflag = 0, uint mode = 0, int session = 0)
        => Send(session, pid, fd, Connect(path, oflag, sflag: sflag, mode: mode));

    public RmResult CloseFd(int pid, int fd, int session = 0) => Send(session, pid, fd, Close());

    /// <summary>The memory manager's mmap for a client fd, on a fresh coid (MM-2).</summary>
    public RmResult MapFor(int clientPid, int clientFd, uint prot, uint requiredProt, ulong offset = 0, ulong length = 4096, int session = 0, int? coid = null)
        => Send(session, MmPid, coid ?? NewMmCoid(), Mmap(clientPid, clientFd, prot, requiredProt, offset, length));

    /// <summary>Every count of every file and the OCB table, to prove that a refusal changed nothing.</summary>
    public string StateFingerprint()
    {
        var sb = new StringBuilder();
        var ns = Rm.Namespace;
        for (int i = 0; i < ns.Count; i++)
        {
            var a = ns[i];
            sb.Append($"{a.Path}:{a.OpenCount}/{a.ReadCount}/{a.WriteCount}/{a.DenyReadCount}/{a.DenyWriteCount}/{a.ExecLocks}/{a.MappingOcbs}/{a.Size};");
        }

        for (int i = 0; i < Rm.Ocbs.Capacity; i++)
        {
            var o = Rm.Ocbs[i];
            if (o.InUse)
            {
                sb.Append($"ocb{i}:{o.Attr.Path}/{o.Session}/{o.Pid}/{o.Coid}/{o.Ioflag}/{o.IsMapping}/{o.HoldsExecLock}/{o.Offset};");
            }
        }

        return sb.ToString();
    }

    /// <summary>Sends a request that must be refused with <paramref name="errno"/> and change nothing.</summary>
    public void AssertRefusedWithoutEffect(int errno, Func<RmResult> send)
    {
        string before = StateFingerprint();
        var r = send();
        Assert.True(r.IsError, $"expected {Protocol.Qnx.Errno.Name(errno)}, got {r}");
        Assert.Equal(Protocol.Qnx.Errno.Name(errno), Protocol.Qnx.Errno.Name(r.Value));
        Assert.Equal(before, StateFingerprint());
    }
}
