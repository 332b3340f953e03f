using System;

namespace Gateway.Host.Memory;

/// <summary>How the memory manager behaves where behaviour.md lets it choose.</summary>
public sealed class MemoryManagerOptions
{
    /// <summary>How long an object's mapping coid stays open after its last munmap (MM-11; default 0).</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.Zero;

    /// <summary>The linger of S_ISVTX files (MM-11; default 300 s).</summary>
    public TimeSpan StickyLinger { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The clock lingers run on; tests pass their own.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where client mappings are placed when no address is asked for.</summary>
    public ulong MappingBase { get; init; } = 0x1000_0000;

    /// <summary>Client fds per process (behaviour.md §5: 16; the 17th open gets EMFILE without a message).</summary>
    public int MaxFdsPerProcess { get; init; } = 16;
}
