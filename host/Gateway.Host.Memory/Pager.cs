using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Memory;

/// <summary>
/// The memory manager's pager (behaviour.md §3, MM-7 … MM-9): a CPU access through a process's mappings becomes
/// page faults and messages — page-ins of cached objects (one combined <c>_IO_LSEEK</c> + <c>_IO_READ</c>, read-ahead
/// sized to the frame), exact-width reads and writes of uncached ones, copy-on-write of private pages — or a typed
/// fault; dirty pages go back with <c>_IO_WRITE</c> on munmap and msync.
/// </summary>
internal sealed class Pager(IBoardChannel board)
{
    public const int PageSize = MemoryManager.PageSize;

    /// <summary>The header of an <c>_IO_WRITE</c> with <c>_IO_XTYPE_OFFSET</c>, which a frame carries with the data.</summary>
    private const int WriteHeader = 24;

    /// <summary>Pages read from the board (page-ins).</summary>
    public long PagesRead { get; private set; }

    private int PagesPerRead => Math.Max(1, board.MaxMessageSize / PageSize);

    private int PagesPerWrite => Math.Max(1, (board.MaxMessageSize - WriteHeader) / PageSize);

    /// <summary>
    /// One access of <paramref name="buffer"/>.Length bytes at <paramref name="addr"/>. MM-9: every page is checked
    /// first (unmapped, PROT_NONE, or a store without PROT_WRITE → SIGSEGV, no message); then page by page —
    /// a page wholly past st_size → SIGBUS (no message, MM-7); uncached objects (FORCE_INVALIDATE, shared objects)
    /// go to the board at the access's exact width and offset; cached ones through the page cache; MAP_PRIVATE
    /// stores copy the page first. A board errno is SIGBUS carrying it.
    /// </summary>
    public async Task<MemoryAccess?> AccessAsync(AddressSpace space, ulong addr, byte[] buffer, bool store)
    {
        if (buffer.Length == 0)
        {
            return null;
        }

        if (addr > ulong.MaxValue - (ulong)buffer.Length)
        {
            return MemoryAccess.Segv();
        }

        // The chunks: the access split at page boundaries, each with its mapping.
        var chunks = new List<(Vma Vma, ulong Addr, int Offset, int Count)>();
        ulong at = addr;
        int done = 0;
        while (done < buffer.Length)
        {
            var v = space.Find(at);
            if (v == null)
            {
                return MemoryAccess.Segv();
            }

            bool allowed = store ? (v.Prot & Prot.Write) != 0 : (v.Prot & Prot.Rwx) != 0;
            if (!allowed)
            {
                return MemoryAccess.Segv();
            }

            ulong pageEnd = AddressSpace.RoundDown(at) + PageSize;
            int n = (int)Math.Min((ulong)(buffer.Length - done), pageEnd - at);
            if (v.Object != null && v.PageIndexOf(at) >= v.Object.PageCount)
            {
                return MemoryAccess.Bus(0); // a page wholly past st_size (MM-7): nothing of the access happens
            }

            chunks.Add((v, at, done, n));
            at += (ulong)n;
            done += n;
        }

        // Uncached objects: merge contiguous chunks of one mapping into one exact-width access where one frame carries it.
        foreach (var group in Group(chunks))
        {
            var (v, a, off, count) = group;
            var fault = await AccessChunkAsync(v, a, buffer, off, count, store).ConfigureAwait(false);
            if (fault != null)
            {
                return fault;
            }
        }

        return null;
    }

    private IEnumerable<(Vma, ulong, int, int)> Group(List<(Vma Vma, ulong Addr, int Offset, int Count)> chunks)
    {
        int i = 0;
        while (i < chunks.Count)
        {
            var (v, a, off, count) = chunks[i];
            int j = i + 1;
            if (v.Object is { Uncached: true } && v.IsShared)
            {
                while (j < chunks.Count && chunks[j].Vma == v && count + chunks[j].Count <= board.MaxMessageSize - WriteHeader)
                {
                    count += chunks[j].Count;
                    j++;
                }
            }

            yield return (v, a, off, count);
            i = j;
        }
    }

    private async Task<MemoryAccess?> AccessChunkAsync(Vma v, ulong addr, byte[] buffer, int off, int count, bool store)
    {
        long fileOffset = v.FileOffsetOf(addr);
        long page = fileOffset / PageSize;
        int inPage = (int)(fileOffset % PageSize);
        var obj = v.Object;

        if (obj == null)
        {
            // Anonymous memory: private zero pages, no message.
            var anon = PrivatePage(v, page, null);
            Copy(anon, inPage, buffer, off, count, store);
            return null;
        }

        long lastPage = (fileOffset + count - 1) / PageSize;
        if (lastPage >= obj.PageCount)
        {
            return MemoryAccess.Bus(0); // wholly past st_size (MM-7)
        }

        if (v.Private.TryGetValue(page, out var copy))
        {
            Copy(copy, inPage, buffer, off, count, store);
            return null;
        }

        if (store && !v.IsShared)
        {
            // Copy-on-write: the page's current contents become the mapping's own (MM-9).
            byte[] contents = new byte[PageSize];
            var fault = obj.Uncached
                ? await DirectAsync(obj, page * PageSize, contents, 0, (int)Math.Min(PageSize, obj.Size - page * PageSize), store: false).ConfigureAwait(false)
                : await CachedPageAsync(v, obj, page, contents).ConfigureAwait(false);
            if (fault != null)
            {
                return fault;
            }

            Copy(PrivatePage(v, page, contents), inPage, buffer, off, count, store: true);
            return null;
        }

        if (obj.Uncached)
        {
            return await DirectAsync(obj, fileOffset, buffer, off, count, store).ConfigureAwait(false);
        }

        var missing = await EnsurePageAsync(v, obj, page).ConfigureAwait(false);
        if (missing != null)
        {
            return missing;
        }

        var cached = obj.Pages[page];
        Copy(cached.Data, inPage, buffer, off, count, store);
        if (store)
        {
            cached.Dirty = true;
            cached.DirtyToSync |= !v.NoSyncFile;
        }

        return null;
    }

    private static byte[] PrivatePage(Vma v, long page, byte[]? contents)
    {
        if (!v.Private.TryGetValue(page, out var data))
        {
            data = contents ?? new byte[PageSize];
            v.Private[page] = data;
        }

        return data;
    }

    private static void Copy(byte[] page, int inPage, byte[] buffer, int off, int count, bool store)
    {
        if (store)
        {
            Array.Copy(buffer, off, page, inPage, count);
        }
        else
        {
            Array.Copy(page, inPage, buffer, off, count);
        }
    }

    private async Task<MemoryAccess?> CachedPageAsync(Vma v, MappedObject obj, long page, byte[] into)
    {
        var fault = await EnsurePageAsync(v, obj, page).ConfigureAwait(false);
        if (fault == null)
        {
            Array.Copy(obj.Pages[page].Data, into, PageSize);
        }

        return fault;
    }

    /// <summary>
    /// MM-8 uncached access: <c>_IO_READ</c>/<c>_IO_WRITE</c> + <c>_IO_XTYPE_OFFSET</c> on the object's coid at the
    /// file offset and the access's width; never a page write. Bytes past the end read as zero.
    /// </summary>
    private async Task<MemoryAccess?> DirectAsync(MappedObject obj, long fileOffset, byte[] buffer, int off, int count, bool store)
    {
        if (store)
        {
            var data = buffer.AsSpan(off, count).ToArray();
            var reply = await board.SendAsync(MemoryManager.MmPid, obj.Coid, Write(data, fileOffset)).ConfigureAwait(false);
            return reply.IsError ? MemoryAccess.Bus(reply.Value) : null;
        }

        var r = await board.SendAsync(MemoryManager.MmPid, obj.Coid, Read((uint)count, fileOffset)).ConfigureAwait(false);
        if (r.IsError)
        {
            return MemoryAccess.Bus(r.Value);
        }

        Array.Clear(buffer, off, count);
        Array.Copy(r.Body, 0, buffer, off, Math.Min(count, r.Body.Length));
        return null;
    }

    /// <summary>
    /// MM-7 page-in: one combine message <c>_IO_LSEEK(SEEK_SET)</c> + <c>_IO_READ</c> on the object's coid, reading
    /// from the faulting page to the end of the mapping or of st_size (whichever is first), capped at the whole
    /// pages one frame carries and stopping at a page already cached; a short read continues with
    /// <c>_IO_READ</c> + <c>_IO_XTYPE_OFFSET</c> until full or 0; the rest of the page is zero.
    /// </summary>
    private async Task<MemoryAccess?> EnsurePageAsync(Vma v, MappedObject obj, long page)
    {
        if (obj.Pages.ContainsKey(page))
        {
            return null;
        }

        long mappingEnd = v.PageIndexOf(v.End - 1) + 1;
        long endPage = Math.Min(mappingEnd, obj.PageCount);
        int pages = 1;
        while (page + pages < endPage && pages < PagesPerRead && !obj.Pages.ContainsKey(page + pages))
        {
            pages++;
        }

        long start = page * PageSize;
        int want = (int)Math.Min((long)pages * PageSize, obj.Size - start);
        var data = new byte[pages * PageSize];
        var reply = await board.SendAsync(MemoryManager.MmPid, obj.Coid, Concat(Lseek(start, Whence.Set, IoMessageType.CombineFlag), Read((uint)want))).ConfigureAwait(false);
        if (reply.IsError)
        {
            return MemoryAccess.Bus(reply.Value);
        }

        int got = Math.Min(reply.Body.Length, want);
        Array.Copy(reply.Body, 0, data, 0, got);
        while (got < want)
        {
            var more = await board.SendAsync(MemoryManager.MmPid, obj.Coid, Read((uint)(want - got), start + got)).ConfigureAwait(false);
            if (more.IsError)
            {
                return MemoryAccess.Bus(more.Value);
            }

            if (more.Body.Length == 0)
            {
                break;
            }

            int n = Math.Min(more.Body.Length, want - got);
            Array.Copy(more.Body, 0, data, got, n);
            got += n;
        }

        for (int i = 0; i < pages; i++)
        {
            var pg = new Page();
            Array.Copy(data, i * PageSize, pg.Data, 0, PageSize);
            obj.Pages[page + i] = pg;
        }

        PagesRead += pages;
        return null;
    }

    /// <summary>
    /// Writes back the dirty pages of [first, last] with <c>_IO_WRITE</c> + <c>_IO_XTYPE_OFFSET</c>, adjacent pages
    /// merged up to a frame, clipped to st_size; a short write → ENOSPC. Returns 0 or the errno.
    /// </summary>
    public async Task<int> WriteBackAsync(MappedObject obj, long first, long last)
    {
        var dirty = obj.Pages.Where(kv => kv.Value.Dirty && kv.Key >= first && kv.Key <= last).Select(kv => kv.Key).OrderBy(k => k).ToList();
        int i = 0;
        while (i < dirty.Count)
        {
            int run = 1;
            while (i + run < dirty.Count && dirty[i + run] == dirty[i] + run && run < PagesPerWrite)
            {
                run++;
            }

            long start = dirty[i] * PageSize;
            long len = Math.Min((long)run * PageSize, obj.Size - start);
            if (len > 0)
            {
                var data = new byte[len];
                for (int k = 0; k < run; k++)
                {
                    int n = (int)Math.Min(PageSize, len - (long)k * PageSize);
                    if (n > 0)
                    {
                        Array.Copy(obj.Pages[dirty[i] + k].Data, 0, data, k * PageSize, n);
                    }
                }

                var reply = await board.SendAsync(MemoryManager.MmPid, obj.Coid, Write(data, start)).ConfigureAwait(false);
                if (reply.IsError)
                {
                    return reply.Value;
                }

                if (reply.Value < len)
                {
                    return Errno.ENOSPC;
                }
            }

            for (int k = 0; k < run; k++)
            {
                obj.Pages[dirty[i] + k].Dirty = false;
                obj.Pages[dirty[i] + k].DirtyToSync = false;
            }

            i += run;
        }

        return 0;
    }

    /// <summary>
    /// MAP_NOSYNCFILE (MM-9, MM-11): drops the dirty pages of [first, last] that only such mappings stored to; a page
    /// another, written-back mapping also stored to stays for that mapping's write-back.
    /// </summary>
    public static void DropDirty(MappedObject obj, long first, long last)
    {
        foreach (var key in obj.Pages.Where(kv => kv.Value.Dirty && !kv.Value.DirtyToSync && kv.Key >= first && kv.Key <= last).Select(kv => kv.Key).ToList())
        {
            obj.Pages.Remove(key);
        }
    }

    /// <summary>MS_INVALIDATE: drops the clean cached pages of [first, last] so the next access reads them again.</summary>
    public static void DropClean(MappedObject obj, long first, long last)
    {
        foreach (var key in obj.Pages.Where(kv => kv.Key >= first && kv.Key <= last && !kv.Value.Dirty).Select(kv => kv.Key).ToList())
        {
            obj.Pages.Remove(key);
        }
    }

    /// <summary>MS_SYNC: one <c>_IO_SYNC</c> on the object's coid, after all of its write-backs. Returns 0 or the errno.</summary>
    public async Task<int> SyncAsync(MappedObject obj)
    {
        var reply = await board.SendAsync(MemoryManager.MmPid, obj.Coid, Sync()).ConfigureAwait(false);
        return reply.IsError ? reply.Value : 0;
    }
}
