using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Memory;

/// <summary>A process's mapping: a page-aligned address range over an object (or anonymous memory).</summary>
internal sealed class Vma
{
    public ulong Start;
    public ulong End;

    /// <summary>The current protection and the most it may become (MM-3, MM-10).</summary>
    public uint Prot;
    public uint MaxProt;

    /// <summary>MAP_* flags, with the map type made explicit.</summary>
    public uint Flags;

    /// <summary>The object, or null for an anonymous mapping.</summary>
    public MappedObject? Object;

    /// <summary>The file offset of <see cref="Start"/> (page-aligned).</summary>
    public long FileOffset;

    /// <summary>The client fd the mapping was made through and its open generation (for MM-10's exec upgrade).</summary>
    public int Fd;
    public long FdGeneration;

    /// <summary>The pid whose credentials and fd the board checked (the client, or pid 1 for device memory).</summary>
    public int InfoPid;

    /// <summary>Private pages (copy-on-write copies, or all of an anonymous mapping), by page index in the file.</summary>
    public Dictionary<long, byte[]> Private { get; } = new();

    public bool IsShared => (Flags & MapFlags.Type) == MapFlags.Shared;

    public bool NoSyncFile => (Flags & MapFlags.NoSyncFile) != 0;

    public long PageIndexOf(ulong addr) => (FileOffset + (long)(addr - Start)) / MemoryManager.PageSize;

    public long FileOffsetOf(ulong addr) => FileOffset + (long)(addr - Start);

    /// <summary>A copy covering [start, end) with the same settings (used when a range operation splits a mapping).</summary>
    public Vma Slice(ulong start, ulong end)
    {
        var v = new Vma
        {
            Start = start,
            End = end,
            Prot = Prot,
            MaxProt = MaxProt,
            Flags = Flags,
            Object = Object,
            FileOffset = FileOffset + (long)(start - Start),
            Fd = Fd,
            FdGeneration = FdGeneration,
            InfoPid = InfoPid,
        };
        long first = v.FileOffset / MemoryManager.PageSize;
        long last = (v.FileOffset + (long)(end - start)) / MemoryManager.PageSize;
        foreach (var (index, data) in Private)
        {
            if (index >= first && index < last)
            {
                v.Private[index] = data;
            }
        }

        return v;
    }
}
