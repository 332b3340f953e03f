using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Memory;

/// <summary>
/// The host's memory manager: procnto's role (pid 1) for the client processes of one session, following
/// behaviour.md §3 (MM-1 … MM-12). It validates calls on the host (no message for what the host decides),
/// sends one <c>_IO_MMAP</c> per mmap on a fresh coid, keeps one object and page cache per returned coid,
/// pages in with combined lseek+read and read-ahead sized to the frame, writes dirty pages back, and turns bad
/// accesses into typed faults. Calls are serialized: one operation at a time per session.
/// </summary>
public sealed partial class MemoryManager
{
    public const int PageSize = 4096;
    public const int MmPid = 1;
    public const int FirstMmCoid = 0x40000000;
    private const int WriteHeader = 24;

    private readonly IBoardChannel board;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<int, ClientProcess> processes = new();
    private readonly Dictionary<int, MappedObject> objects = new();
    private readonly Dictionary<(uint Dev, ulong Ino), CachedImage> images = new();
    private readonly Dictionary<uint, int> devMemFds = new();
    private int nextCoid = FirstMmCoid;

    public MemoryManager(IBoardChannel board, MemoryManagerOptions? options = null)
    {
        this.board = board;
        Options = options ?? new MemoryManagerOptions();
        MmProcess = new ClientProcess(this, MmPid, RootCred(), true);
    }

    public MemoryManagerOptions Options { get; }

    /// <summary>The memory manager's own process (pid 1, root): it owns the /dev/mem fds of MM-12.</summary>
    public ClientProcess MmProcess { get; }

    /// <summary>The next fresh coid (MM-2: from 0x40000000 upward, never reused within a session).</summary>
    public int NextCoid => nextCoid;

    /// <summary>Objects (returned coids) currently open, for tests and diagnostics.</summary>
    public IReadOnlyCollection<int> OpenObjects => objects.Keys.ToArray();

    /// <summary>Pages the memory manager read from the board (page-ins), and messages it sent.</summary>
    public long PagesRead { get; private set; }

    private int PagesPerRead => Math.Max(1, board.MaxMessageSize / PageSize);

    private int PagesPerWrite => Math.Max(1, (board.MaxMessageSize - WriteHeader) / PageSize);

    public static CredInfo RootCred() => Cred(0, 0);

    /// <summary>Declares pid 1, the memory manager, on the board.</summary>
    public async Task StartAsync()
    {
        int e = await board.DeclareProcessAsync(MmPid, MmProcess.Cred, true).ConfigureAwait(false);
        if (e != 0)
        {
            throw new InvalidOperationException($"the board refused to declare the memory manager: {Errno.Name(e)}");
        }
    }

    /// <summary>Declares a client process on the board and returns it.</summary>
    public Task<ClientProcess> SpawnAsync(int pid, CredInfo cred, bool is64Bit = true) => Serialized(async () =>
    {
        if (pid == MmPid || processes.ContainsKey(pid))
        {
            throw new ArgumentException($"pid {pid} is already a process of this session");
        }

        int e = await board.DeclareProcessAsync(pid, cred, is64Bit).ConfigureAwait(false);
        if (e != 0)
        {
            throw new InvalidOperationException($"the board refused to declare pid {pid}: {Errno.Name(e)} ({e})");
        }

        var p = new ClientProcess(this, pid, cred, is64Bit);
        processes[pid] = p;
        return p;
    });

    /// <summary>Marks an fd of a process used (a raw open named it), under the same gate as every call.</summary>
    internal void MarkFdUsed(ClientProcess p, int fd)
    {
        gate.Wait();
        try
        {
            p.BindFd(fd);
        }
        finally
        {
            gate.Release();
        }
    }

    public ClientProcess? Process(int pid) => pid == MmPid ? MmProcess : processes.GetValueOrDefault(pid);

    // ---- serialization and lingers ---------------------------------------------------------------------

    private async Task<T> Serialized<T>(Func<Task<T>> body)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await ExpireDueLockedAsync().ConfigureAwait(false);
            return await body().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes the objects whose linger has run out (MM-11).</summary>
    public async Task ExpireLingersAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await ExpireDueLockedAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ExpireDueLockedAsync()
    {
        var now = Options.Time.GetUtcNow();
        foreach (var obj in objects.Values.Where(o => o.Mappings == 0 && o.LingerUntil is { } t && t <= now).ToList())
        {
            await CloseObjectAsync(obj).ConfigureAwait(false);
        }
    }

    private async Task CloseObjectAsync(MappedObject obj)
    {
        objects.Remove(obj.Coid);
        obj.LingerUntil = null;
        if (!obj.ReadFromCache)
        {
            obj.Pages.Clear();
        }

        await board.SendAsync(MmPid, obj.Coid, Close()).ConfigureAwait(false);
    }

    private async Task ReleaseMappingAsync(MappedObject? obj)
    {
        if (obj == null)
        {
            return;
        }

        obj.Mappings--;
        if (obj.Mappings > 0)
        {
            return;
        }

        bool sticky = (obj.Stat.Mode & FileMode.Sticky) != 0;
        var linger = sticky ? Options.StickyLinger : Options.Linger;
        if (linger <= TimeSpan.Zero)
        {
            await CloseObjectAsync(obj).ConfigureAwait(false);
        }
        else
        {
            obj.LingerUntil = Options.Time.GetUtcNow() + linger;
        }
    }

    // ---- fds -----------------------------------------------------------------------------------------

    internal Task<QnxResult> OpenAsync(ClientProcess p, string path, uint oflag, uint mode, ushort sflag) => Serialized(async () =>
    {
        int fd = p.LowestFreeFd();
        if (fd < 0)
        {
            return QnxResult.Fail(Errno.EMFILE);
        }

        var reply = await board.SendAsync(p.Pid, fd, Connect(path.TrimStart('/'), oflag, sflag: sflag, mode: mode)).ConfigureAwait(false);
        if (reply.IsError)
        {
            return QnxResult.Fail(reply.Value);
        }

        p.BindFd(fd);
        return QnxResult.Success(fd);
    });

    internal Task<QnxResult> CloseFdAsync(ClientProcess p, int fd) => Serialized(async () =>
    {
        if (!p.HasFd(fd))
        {
            return QnxResult.Fail(Errno.EBADF);
        }

        var reply = await board.SendAsync(p.Pid, fd, Close()).ConfigureAwait(false);
        p.UnbindFd(fd);
        return reply.IsError ? QnxResult.Fail(reply.Value) : QnxResult.Success();
    });

    internal Task<(QnxResult, byte[])> ReadFdAsync(ClientProcess p, int fd, int nbytes, long? offset) => Serialized(async () =>
    {
        var reply = await board.SendAsync(p.Pid, fd, Read((uint)nbytes, offset)).ConfigureAwait(false);
        return reply.IsError ? (QnxResult.Fail(reply.Value), Array.Empty<byte>()) : (QnxResult.Success(reply.Value), reply.Body);
    });

    internal Task<QnxResult> WriteFdAsync(ClientProcess p, int fd, ReadOnlyMemory<byte> data, long? offset) => Serialized(async () =>
    {
        var reply = await board.SendAsync(p.Pid, fd, Write(data.ToArray(), offset)).ConfigureAwait(false);
        return reply.IsError ? QnxResult.Fail(reply.Value) : QnxResult.Success(reply.Value);
    });

    internal Task<(QnxResult, byte[])> StatFdAsync(ClientProcess p, int fd, uint format) => Serialized(async () =>
    {
        var reply = await board.SendAsync(p.Pid, fd, StatRequest(format)).ConfigureAwait(false);
        return reply.IsError ? (QnxResult.Fail(reply.Value), Array.Empty<byte>()) : (QnxResult.Success(reply.Value), reply.Body);
    });

    /// <summary>A record of a READ_FROM_CACHE object's pages, kept after its coid closes (MM-8).</summary>
    private sealed class CachedImage
    {
        public required long Size;
        public required long MtimeSec;
        public required long MtimeNsec;
        public required Dictionary<long, Page> Pages;
    }
}
