using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Memory;

/// <summary>
/// A client process of the host (behaviour.md §0): a pid declared on the board with its credentials and width,
/// its own fd table (lowest free number ≥ 3) and its own virtual address space. Its calls follow QNX's libc and
/// procnto: opens go to the board from (pid, fd); mmap and friends go through the <see cref="MemoryManager"/>.
/// </summary>
public sealed class ClientProcess
{
    public const int FirstFd = 3;

    private readonly MemoryManager mm;
    private readonly Dictionary<int, long> fds = new();
    private long generation;

    internal ClientProcess(MemoryManager mm, int pid, CredInfo cred, bool is64Bit)
    {
        this.mm = mm;
        Pid = pid;
        Cred = cred;
        Is64Bit = is64Bit;
    }

    public int Pid { get; }

    public CredInfo Cred { get; }

    public bool Is64Bit { get; }

    /// <summary>The process's mappings.</summary>
    internal AddressSpace Space { get; } = new();

    /// <summary>The fds the process holds.</summary>
    public IReadOnlyCollection<int> Fds => fds.Keys.ToArray();

    internal bool HasFd(int fd) => fds.ContainsKey(fd);

    internal long FdGeneration(int fd) => fds.TryGetValue(fd, out long g) ? g : -1;

    /// <summary>The lowest free fd ≥ 3, or -1 when the process holds its limit.</summary>
    internal int LowestFreeFd()
    {
        if (fds.Count >= mm.Options.MaxFdsPerProcess)
        {
            return -1;
        }

        int fd = FirstFd;
        while (fds.ContainsKey(fd))
        {
            fd++;
        }

        return fd;
    }

    internal void BindFd(int fd) => fds[fd] = ++generation;

    internal void UnbindFd(int fd) => fds.Remove(fd);

    /// <summary>A raw open in a scenario named this coid: the host library treats it as used (behaviour.md §5).</summary>
    public void MarkFdUsed(int fd) => mm.MarkFdUsed(this, fd);

    /// <summary>open(): an <c>_IO_CONNECT</c> from (pid, lowest free fd). EMFILE without a message at the fd limit.</summary>
    public Task<QnxResult> OpenAsync(string path, uint oflag, uint mode = 0, ushort sflag = 0) => mm.OpenAsync(this, path, oflag, mode, sflag);

    /// <summary>close(): <c>_IO_CLOSE</c> on the fd; the fd is free afterwards whatever the board says.</summary>
    public Task<QnxResult> CloseAsync(int fd) => mm.CloseFdAsync(this, fd);

    /// <summary>Reads through an fd: <c>_IO_READ</c>, with <c>_IO_XTYPE_OFFSET</c> when an offset is given (pread).</summary>
    public Task<(QnxResult Result, byte[] Data)> ReadAsync(int fd, int nbytes, long? offset = null) => mm.ReadFdAsync(this, fd, nbytes, offset);

    /// <summary>Writes through an fd: <c>_IO_WRITE</c>, with <c>_IO_XTYPE_OFFSET</c> when an offset is given (pwrite).</summary>
    public Task<QnxResult> WriteAsync(int fd, ReadOnlyMemory<byte> data, long? offset = null) => mm.WriteFdAsync(this, fd, data, offset);

    /// <summary>fstat(): <c>_IO_STAT</c> in <paramref name="format"/> (0: the server chooses).</summary>
    public Task<(QnxResult Result, byte[] Body)> StatAsync(int fd, uint format = 0) => mm.StatFdAsync(this, fd, format);

    public Task<MmapResult> MmapAsync(ulong addr, ulong len, uint prot, uint flags, int fd, long offset) =>
        mm.MmapAsync(this, addr, len, prot, flags, fd, offset);

    public Task<QnxResult> MunmapAsync(ulong addr, ulong len) => mm.MunmapAsync(this, addr, len);

    public Task<QnxResult> MsyncAsync(ulong addr, ulong len, uint flags) => mm.MsyncAsync(this, addr, len, flags);

    public Task<QnxResult> MprotectAsync(ulong addr, ulong len, uint prot) => mm.MprotectAsync(this, addr, len, prot);

    /// <summary>mmap_device_memory() (MM-12): maps the board's /dev/mem at a physical address; euid 0 only.</summary>
    public Task<MmapResult> MmapDeviceMemoryAsync(ulong len, uint prot, uint flags, ulong physical, ulong addr = 0) =>
        mm.MmapDeviceMemoryAsync(this, addr, len, prot, flags, physical);

    /// <summary>mmap_device_io(): the same as device memory (neither board has a separate I/O space, MM-12).</summary>
    public Task<MmapResult> MmapDeviceIoAsync(ulong len, ulong io) =>
        mm.MmapDeviceMemoryAsync(this, 0, len, Protocol.Qnx.Prot.Read | Protocol.Qnx.Prot.Write | Protocol.Qnx.Prot.NoCache, Protocol.Qnx.MapFlags.Shared, io);

    /// <summary>A load of 1, 2, 4 or 8 bytes (little-endian).</summary>
    public Task<MemoryAccess> LoadAsync(ulong addr, int width) => mm.LoadAsync(this, addr, width);

    public Task<MemoryAccess> StoreAsync(ulong addr, int width, ulong value) => mm.StoreAsync(this, addr, width, value);

    public Task<MemoryAccess> LoadBytesAsync(ulong addr, int count) => mm.LoadBytesAsync(this, addr, count);

    public Task<MemoryAccess> StoreBytesAsync(ulong addr, ReadOnlyMemory<byte> bytes) => mm.StoreBytesAsync(this, addr, bytes);

    /// <summary>The mappings as (start, end, prot) — for tests and the CLI.</summary>
    public IReadOnlyList<(ulong Start, ulong End, uint Prot)> Mappings => Space.Mappings.Select(v => (v.Start, v.End, v.Prot)).ToList();
}
