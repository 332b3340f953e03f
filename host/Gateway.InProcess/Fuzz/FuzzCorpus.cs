using System;
using System.Collections.Generic;
using System.Text;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// The seed corpus of the fuzz driver, built with the message builders from a board's namespace: every message
/// type, combine messages, connects with attached messages, and <c>_IO_MMAP</c> requests of every resource. The
/// processes and the opens it declares (<see cref="Processes"/>, <see cref="Opens"/>) give the messages OCBs to
/// act on; the dispatcher target runs that setup at the start of every epoch.
/// </summary>
public sealed class FuzzCorpus
{
    public const int MmPid = 1;
    public const int UserPid = 2;     // uid 100 gid 100, groups 20 21 30: owner of /data, not root
    public const int OtherPid = 4;    // uid 1000 gid 1000: "other" everywhere
    public const int Root32Pid = 13;  // root, a 32-bit process that opens nothing at setup
    public const int FirstRootPid = 10;
    public const int FdsPerRootPid = 15;
    public const int FirstMappingCoid = 0x40000000;
    public const int FirstFreeFd = 20;

    private readonly List<FuzzMessage> messages = new();

    private FuzzCorpus(ResourceManager.ResourceManager rm)
    {
        var opens = new List<FuzzOpen>();
        var ns = rm.Namespace;
        for (int i = 0, k = 0; i < ns.Count; i++)
        {
            ResourceAttr a = ns[i];
            if (a == ns.Root)
            {
                continue;
            }

            bool ro = a.IsDirectory || a.Mount.ReadOnly;
            bool register = (a.MmapFlags & MmapReplyFlags.CacheMask) == MmapReplyFlags.CacheForceInvalidate;
            opens.Add(new FuzzOpen(Relative(a.Path), FirstRootPid + k / FdsPerRootPid, 3 + k % FdsPerRootPid,
                ro ? OpenFlags.ReadOnly : OpenFlags.ReadWrite, FirstMappingCoid + k, a.Size, a.IsDirectory, register));
            k++;
        }

        RootPidCount = (opens.Count + FdsPerRootPid - 1) / FdsPerRootPid;
        string[] userFiles = { "data/app", "data/grpexec", "data/ownerexec", "data/private", "data/notes.txt", "data/sticky", "noexec/tool", "fw/bin/blink" };
        for (int j = 0; j < userFiles.Length; j++)
        {
            var a = rm.Namespace.Find("/" + userFiles[j]);
            bool ro = a == null || a.Mount.ReadOnly;
            opens.Add(new FuzzOpen(userFiles[j], UserPid, 3 + j, ro ? OpenFlags.ReadOnly : OpenFlags.ReadWrite, FirstMappingCoid + 0x1000 + j, a?.Size ?? 0, false, false));
        }

        opens.Add(new FuzzOpen("data/app", OtherPid, 3, OpenFlags.ReadOnly, FirstMappingCoid + 0x1800, 8192, false, false));
        Opens = opens;

        foreach (var o in opens)
        {
            AddResourceMessages(o);
        }

        AddPathMessages();
        AddMalformedSeeds();
    }

    /// <summary>How many root client pids the setup declares (15 fds each).</summary>
    public int RootPidCount { get; }

    /// <summary>Files the setup opens in session 0 (each epoch opens a random subset).</summary>
    public IReadOnlyList<FuzzOpen> Opens { get; }

    public IReadOnlyList<FuzzMessage> Messages => messages;

    public static FuzzCorpus Build(ResourceManager.ResourceManager rm) => new(rm);

    /// <summary>Declares session 0's and session 1's processes (behaviour.md §0); returns how many were refused.</summary>
    public int DeclareProcesses(ResourceManager.ResourceManager rm)
    {
        int refused = 0;
        refused += rm.DeclareProcess(0, MmPid, Cred(0, 0), true) == Errno.EOK ? 0 : 1;
        refused += rm.DeclareProcess(0, UserPid, Cred(100, 100, 20, 21, 30), true) == Errno.EOK ? 0 : 1;
        refused += rm.DeclareProcess(0, OtherPid, Cred(1000, 1000), true) == Errno.EOK ? 0 : 1;
        refused += rm.DeclareProcess(0, Root32Pid, Cred(0, 0), false) == Errno.EOK ? 0 : 1;
        for (int i = 0; i < RootPidCount; i++)
        {
            refused += rm.DeclareProcess(0, FirstRootPid + i, Cred(0, 0), true) == Errno.EOK ? 0 : 1;
        }

        refused += rm.DeclareProcess(1, MmPid, Cred(0, 0), true) == Errno.EOK ? 0 : 1;
        refused += rm.DeclareProcess(1, UserPid, Cred(0, 0), true) == Errno.EOK ? 0 : 1;
        return refused;
    }

    private static string Relative(string path) => path.StartsWith('/') ? path[1..] : path;

    private void Add(string name, byte[] bytes, int pid, int coid, int session = 0) => messages.Add(new FuzzMessage(name, bytes, session, pid, coid));

    private void AddResourceMessages(FuzzOpen o)
    {
        string p = o.Path;
        int pid = o.Pid;
        int fd = o.Fd;
        int free = FirstFreeFd;

        // Opens (RM-1) on a free coid, every access form, and the COMBINE forms with attached messages.
        Add($"open {p} rdonly", Connect(p, OpenFlags.ReadOnly), pid, free);
        Add($"open {p} rdwr", Connect(p, OpenFlags.ReadWrite), pid, free);
        Add($"open {p} wronly", Connect(p, OpenFlags.WriteOnly), UserPid, free);
        Add($"open {p} exec", Connect(p, OpenFlags.Exec), UserPid, free + 1);
        Add($"open {p} creat|excl", Connect(p, OpenFlags.Creat | OpenFlags.Excl | OpenFlags.ReadWrite, mode: 0x1A4), pid, free);
        Add($"open {p} trunc", Connect(p, OpenFlags.Trunc | OpenFlags.ReadWrite), UserPid, free);
        Add($"open {p} deny-rw", Connect(p, OpenFlags.ReadOnly, sflag: OpenFlags.ShDenyRw), OtherPid, free);
        Add($"open {p} deny-wr", Connect(p, OpenFlags.ReadWrite, sflag: OpenFlags.ShDenyWr), Root32Pid, free);
        Add($"open {p} no access", NoAccess(Connect(p, OpenFlags.ReadOnly)), OtherPid, free + 2);
        Add($"stat {p} by path", Connect(p, OpenFlags.ReadOnly, ConnectSubtype.CombineClose, extra: StatRequest(0)), pid, free + 3);
        Add($"page {p} by path", Connect(p, OpenFlags.ReadOnly, ConnectSubtype.CombineClose,
            extra: Concat(Lseek(0, Whence.Set, IoMessageType.CombineFlag), Read(4096))), pid, free + 3);
        Add($"open+write {p}", Connect(p, OpenFlags.ReadWrite, ConnectSubtype.Combine, extra: Write(new byte[] { 1, 2, 3, 4 }, 0)), pid, free + 4);
        Add($"open+open {p}", Connect(p, OpenFlags.ReadOnly, ConnectSubtype.Combine, extra: Connect(p, OpenFlags.ReadOnly)), pid, free + 5);

        // I/O on the client's fd (RM-2, RM-2a, RM-2b, RM-3).
        Add($"read {p} 16", Read(16), pid, fd);
        Add($"read {p} page @4096", Read(4096, 4096), pid, fd);
        Add($"load {p} @0", Read(4, 0), pid, fd);
        Add($"load {p} @2 unaligned", Read(4, 2), pid, fd);
        Add($"store {p} @0", WriteWord(0xA5A5A5A5, 0), pid, fd);
        Add($"store {p} go", WriteWord(1, 0), pid, fd);
        Add($"write {p} 8 bytes", Write(Encoding.ASCII.GetBytes("fuzzing!")), pid, fd);
        Add($"write {p} past end", Write(new byte[16], Math.Max(0, o.Size - 8)), pid, fd);
        Add($"lseek {p} set", Lseek(8, Whence.Set), pid, fd);
        Add($"lseek {p} cur -1", Lseek(-1, Whence.Current), pid, fd);
        Add($"lseek {p} end", Lseek(0, Whence.End), pid, fd);
        for (uint form = 0; form <= 4; form++)
        {
            Add($"stat {p} form {form}", StatRequest(form), pid, fd);
        }

        Add($"devctl {p}", Devctl(0x1234), pid, fd);
        Add($"sync {p}", Sync(), pid, fd);
        Add($"close {p}", Close(), pid, fd);
        Add($"lseek+read {p}", Concat(Lseek(0, Whence.Set, IoMessageType.CombineFlag), Read(64)), pid, fd);
        Add($"stat+read+read {p}", Concat(Flagged(StatRequest(0)), Read(8, null, IoMessageType.CombineFlag), Read(8)), pid, fd);
        Add($"write+read {p}", Concat(Flagged(WriteWord(7, 4)), Read(4, 4)), pid, fd);
        Add($"close+read {p}", Concat(Flagged(Close()), Read(4)), pid, fd);

        // _IO_MMAP of the resource (RM-6 … RM-18) on its own memory-manager coid, every protection and bound.
        int mc = o.MappingCoid;
        ulong size = (ulong)Math.Max(0, o.Size);
        Add($"mmap {p} r", Mmap(pid, fd, Prot.Read | Prot.Write, Prot.Read, 0, 4096), MmPid, mc);
        Add($"mmap {p} rw", Mmap(pid, fd, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 0, 4096), MmPid, mc);
        Add($"mmap {p} rx", Mmap(pid, fd, Prot.Read | Prot.Write | Prot.Exec, Prot.Read | Prot.Exec, 0, 4096), MmPid, mc);
        Add($"mmap {p} rwx", Mmap(pid, fd, Prot.Read | Prot.Write | Prot.Exec, Prot.Rwx, 0, 4096), MmPid, mc);
        Add($"mmap {p} none", Mmap(pid, fd, Prot.None, Prot.None, 0, 4096), MmPid, mc + 0x100);
        Add($"mmap {p} old sender", Mmap(pid, fd, Prot.Read | Prot.Write, 0, 0, 0), MmPid, mc);
        Add($"mmap {p} 32-bit client", Mmap(pid, fd, Prot.Read, Prot.Read, 0, 4096, bits64: false), MmPid, mc);
        Add($"mmap {p} @size len 0", Mmap(pid, fd, Prot.Read, Prot.Read, size, 0), MmPid, mc);
        Add($"mmap {p} @size+1", Mmap(pid, fd, Prot.Read, Prot.Read, size + 1, 4096), MmPid, mc);
        Add($"mmap {p} overflow", Mmap(pid, fd, Prot.Read, Prot.Read, 0x7FFFFFFFFFFFF000, 0x2000), MmPid, mc);
        Add($"mmap {p} window", Mmap(pid, fd, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 0xFE200000, 4096), MmPid, mc);
        Add($"mmap {p} from client", Mmap(pid, fd, Prot.Read, Prot.Read, 0, 4096), pid, free + 6);
        Add($"mmap {p} session 1", Mmap(UserPid, 3, Prot.Read, Prot.Read, 0, 4096), MmPid, mc, session: 1);

        // What the memory manager sends on the mapping coid afterwards (MM-7 … MM-11).
        Add($"page-in {p}", Concat(Lseek(0, Whence.Set, IoMessageType.CombineFlag), Read(4096)), MmPid, mc);
        Add($"page-in {p} @4096", Concat(Lseek(4096, Whence.Set, IoMessageType.CombineFlag), Read(4096)), MmPid, mc);
        Add($"continue {p}", Read(4096, 2048), MmPid, mc);
        Add($"mm load {p}", Read(4, 0x30), MmPid, mc);
        Add($"mm store {p}", WriteWord(0xFFFFFFFF, 0x0C), MmPid, mc);
        Add($"write-back {p}", Write(new byte[4096], 0), MmPid, mc);
        Add($"mm sync {p}", Sync(), MmPid, mc);
        Add($"mm close {p}", Close(), MmPid, mc);
    }

    private void AddPathMessages()
    {
        Add("open /leading slash", Connect("/dev/gpio/bank0", OpenFlags.ReadOnly), Root32Pid, FirstFreeFd);
        Add("open missing", Connect("dev/nothing", OpenFlags.ReadOnly), Root32Pid, FirstFreeFd);
        Add("create /data/new", Connect("data/new", OpenFlags.Creat | OpenFlags.ReadWrite, mode: 0x1ED), UserPid, FirstFreeFd);
        Add("create+write /data/new2", Connect("data/new2", OpenFlags.Creat | OpenFlags.ReadWrite, ConnectSubtype.Combine, mode: 0x1A4,
            extra: Write(Encoding.ASCII.GetBytes("hello"), 0)), UserPid, FirstFreeFd + 1);
        Add("create on ro mount", Connect("fw/new", OpenFlags.Creat | OpenFlags.ReadWrite, mode: 0x1A4), Root32Pid, FirstFreeFd);
        Add("through a file", Connect("data/app/x", OpenFlags.ReadOnly), Root32Pid, FirstFreeFd);
        Add("long component", Connect("data/" + new string('n', 300), OpenFlags.Creat | OpenFlags.ReadWrite, mode: 0x1A4), UserPid, FirstFreeFd);
        Add("dot components", Connect("dev/./gpio/../gpio/bank1", OpenFlags.ReadOnly), Root32Pid, FirstFreeFd);
        Add("double slash", Connect("dev//gpio///bank1", OpenFlags.ReadOnly), Root32Pid, FirstFreeFd);
        Add("empty path", Connect("", OpenFlags.ReadOnly), Root32Pid, FirstFreeFd);
        Add("status open+read", Connect("fw/status", OpenFlags.ReadOnly, ConnectSubtype.CombineClose, extra: Read(32768)), Root32Pid, FirstFreeFd + 2);
        Add("undeclared pid", Read(4), 99, 3);
        Add("undeclared session", Read(4), MmPid, 3, session: 2);
    }

    private void AddMalformedSeeds()
    {
        Add("unknown type", new byte[] { 0xFF, 0x01, 0x04, 0x00 }, Root32Pid, 3);
        var badXtype = Read(4, 0);
        badXtype[IoReadWriteHeader.OffXtype] = 5;
        Add("unknown xtype", badXtype, FirstRootPid, 3);
        Add("connect unknown subtype", Connect("dev/gpio/bank0", OpenFlags.ReadOnly, subtype: 9), Root32Pid, FirstFreeFd);
        Add("flagged last part", Flagged(Read(4)), FirstRootPid, 3);
        Add("nine parts", Concat(Flagged(Sync()), Flagged(Sync()), Flagged(Sync()), Flagged(Sync()), Flagged(Sync()), Flagged(Sync()), Flagged(Sync()), Flagged(Sync()), Sync()), FirstRootPid, 3);
        Add("connect after part", Concat(Flagged(Sync()), Connect("dev/gpio/bank0", OpenFlags.ReadOnly)), FirstRootPid, 3);
        Add("empty", Array.Empty<byte>(), FirstRootPid, 3);
    }

    /// <summary>An open asking for neither RD nor WR (stat and chmod do this in QNX): ioflag's and access's low bits cleared.</summary>
    private static byte[] NoAccess(byte[] connect)
    {
        connect[IoConnect.OffIoflag] &= 0xF8;
        connect[IoConnect.OffAccess] &= 0xF8;
        return connect;
    }

    /// <summary>Sets <c>_IO_COMBINE_FLAG</c> in a message's <c>combine_len</c>: another part follows.</summary>
    public static byte[] Flagged(byte[] message)
    {
        var m = (byte[])message.Clone();
        m[Codec.OffCombineLen + 1] |= 0x80;
        return m;
    }
}
