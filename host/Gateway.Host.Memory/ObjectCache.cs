using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Memory;

/// <summary>
/// The memory manager's objects (MM-6): one <see cref="MappedObject"/> and page cache per coid the board returned,
/// shared by every mapping of it; counted by mappings, closed (<c>_IO_CLOSE</c> on the coid) when the last goes —
/// at once, or after the linger (MM-11). READ_FROM_CACHE pages outlive the coid, keyed by (st_dev, st_ino) and
/// reused while size and mtime hold (MM-8).
/// </summary>
internal sealed class ObjectCache(IBoardChannel board, MemoryManagerOptions options)
{
    private readonly Dictionary<int, MappedObject> objects = new();
    private readonly Dictionary<(uint Dev, ulong Ino), CachedImage> images = new();

    /// <summary>The coids of the objects open now.</summary>
    public IReadOnlyCollection<int> Coids => objects.Keys.ToArray();

    /// <summary>The object of <paramref name="coid"/> (a coid the board returned), new or the one mappings already share.</summary>
    public MappedObject Adopt(int coid, Stat stat, uint flags, IoMmapReply reply)
    {
        if (objects.TryGetValue(coid, out var obj))
        {
            obj.Stat = stat;
            return obj;
        }

        obj = new MappedObject
        {
            Coid = coid,
            Stat = stat,
            Flags = flags,
            SharedObjectId = MmapReplyFlags.IsSharedObject(flags) ? reply.Fd : 0,
        };
        if (obj.ReadFromCache)
        {
            var key = (stat.Dev, stat.Ino);
            if (images.TryGetValue(key, out var image) && image.Size == stat.Size && image.MtimeSec == stat.MtimSec && image.MtimeNsec == stat.MtimNsec)
            {
                obj.Pages = image.Pages;
            }
            else
            {
                images[key] = new CachedImage { Size = stat.Size, MtimeSec = stat.MtimSec, MtimeNsec = stat.MtimNsec, Pages = obj.Pages };
            }
        }

        objects[coid] = obj;
        return obj;
    }

    /// <summary>One mapping of <paramref name="obj"/> fewer (none for anonymous memory); the last closes it or starts its linger.</summary>
    public async Task ReleaseMappingAsync(MappedObject? obj)
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
        var linger = sticky ? options.StickyLinger : options.Linger;
        if (linger <= TimeSpan.Zero)
        {
            await CloseAsync(obj).ConfigureAwait(false);
        }
        else
        {
            obj.LingerUntil = options.Time.GetUtcNow() + linger;
        }
    }

    /// <summary>Closes the objects whose linger has run out (MM-11).</summary>
    public async Task ExpireDueAsync()
    {
        var now = options.Time.GetUtcNow();
        foreach (var obj in objects.Values.Where(o => o.Mappings == 0 && o.LingerUntil is { } t && t <= now).ToList())
        {
            await CloseAsync(obj).ConfigureAwait(false);
        }
    }

    /// <summary>MM-5: whenever mmap() fails after the board said yes, the returned coid is closed unless another mapping uses it.</summary>
    public async Task CloseIfUnusedAsync(int coid)
    {
        if (objects.TryGetValue(coid, out var obj))
        {
            if (obj.Mappings == 0)
            {
                // A lingering object: no mapping uses it any more.
                await CloseAsync(obj).ConfigureAwait(false);
            }

            return;
        }

        await board.SendAsync(MemoryManager.MmPid, coid, Close()).ConfigureAwait(false);
    }

    private async Task CloseAsync(MappedObject obj)
    {
        objects.Remove(obj.Coid);
        obj.LingerUntil = null;
        if (!obj.ReadFromCache)
        {
            obj.Pages.Clear();
        }

        await board.SendAsync(MemoryManager.MmPid, obj.Coid, Close()).ConfigureAwait(false);
    }

    /// <summary>A record of a READ_FROM_CACHE object's pages, kept after its coid closes (MM-8).</summary>
    private sealed class CachedImage
    {
        public required long Size;
        public required long MtimeSec;
        public required long MtimeNsec;
        public required Dictionary<long, Page> Pages;
    }
}
