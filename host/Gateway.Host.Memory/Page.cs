using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Memory;

/// <summary>A page of an object's cache.</summary>
internal sealed class Page
{
    public readonly byte[] Data = new byte[MemoryManager.PageSize];

    /// <summary>Stored to since it was read or written back.</summary>
    public bool Dirty;

    /// <summary>Stored to through a mapping that is written back (not MAP_NOSYNCFILE): never dropped unwritten.</summary>
    public bool DirtyToSync;
}
