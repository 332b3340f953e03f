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
/// behaviour.md §3 (MM-1 … MM-12). It validates calls on the host (no message for what the host decides) and
/// serializes them (one operation at a time per session); the work is done by the parts the rules name: each
/// process's <see cref="AddressSpace"/>, the <see cref="MmapExchange"/> (one <c>_IO_MMAP</c> per mmap on a fresh
/// coid, MM-2 … MM-5), the <see cref="ObjectCache"/> (one object and page cache per returned coid, lingers; MM-6,
/// MM-8, MM-11) and the <see cref="Pager"/> (page-ins, uncached accesses, write-back; MM-7 … MM-9).
/// </summary>
public sealed partial class MemoryManager
{
    public const int PageSize = 4096;
    public const int MmPid = 1;
    public const int FirstMmCoid = 0x40000000;

    private readonly IBoardChannel board;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<int, ClientProcess> processes = new();
    private readonly Dictionary<uint, int> devMemFds = new();
    private readonly ObjectCache objects;
    private readonly MmapExchange exchange;
    private readonly Pager pager;

    public MemoryManager(IBoardChannel board, MemoryManagerOptions? options = null)
    {
        this.board = board;
        Options = options ?? new MemoryManagerOptions();
        MmProcess = new ClientProcess(this, MmPid, RootCred(), true);
        objects = new ObjectCache(board, Options);
        exchange = new MmapExchange(board, objects);
        pager = new Pager(board);
    }

    public MemoryManagerOptions Options { get; }

    /// <summary>The memory manager's own process (pid 1, root): it owns the /dev/mem fds of MM-12.</summary>
    public ClientProcess MmProcess { get; }

    /// <summary>The next fresh coid (MM-2: from 0x40000000 upward, never reused within a session).</summary>
    public int NextCoid => exchange.NextCoid;

    /// <summary>Objects (returned coids) currently open, for tests and diagnostics.</summary>
    public IReadOnlyCollection<int> OpenObjects => objects.Coids;

    /// <summary>Pages the memory manager read from the board (page-ins).</summary>
    public long PagesRead => pager.PagesRead;

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

    private Task ExpireDueLockedAsync() => objects.ExpireDueAsync();

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
}
