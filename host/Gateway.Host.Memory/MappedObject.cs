using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Memory;

/// <summary>
/// An object the memory manager maps: identified by the coid the board returned (MM-6), with its stat, its
/// extended-reply flags and its page cache (for CACHE_DEFAULT / DEFER / READ_FROM_CACHE). Every mapping of the
/// object shares it.
/// </summary>
internal sealed class MappedObject
{
    public required int Coid { get; init; }

    public required Stat Stat { get; set; }

    /// <summary>The extended reply's flags (0 for a plain reply).</summary>
    public required uint Flags { get; init; }

    /// <summary>For SERVER_SHMEM_OBJECT: the object id the board named (RM-17).</summary>
    public int SharedObjectId { get; init; }

    public Dictionary<long, Page> Pages { get; set; } = new();

    /// <summary>Mappings (VMAs, across processes) that use the object.</summary>
    public int Mappings;

    /// <summary>When the coid closes after the last munmap (MM-11), or null.</summary>
    public System.DateTimeOffset? LingerUntil;

    public bool ForceInvalidate => MmapReplyFlags.CacheMode(Flags) == MmapReplyFlags.CacheForceInvalidate;

    public bool ReadFromCache => MmapReplyFlags.CacheMode(Flags) == MmapReplyFlags.CacheReadFromCache;

    public bool SharedObject => MmapReplyFlags.IsSharedObject(Flags);

    /// <summary>Uncached objects: every access goes to the board at its exact width and offset (MM-8).</summary>
    public bool Uncached => ForceInvalidate || SharedObject;

    public long Size => Stat.Size;

    /// <summary>Pages that hold file bytes: ceil(st_size / 4096). A page at or past this index is past the end (SIGBUS).</summary>
    public long PageCount => (Size + MemoryManager.PageSize - 1) / MemoryManager.PageSize;
}
