using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Memory;

public sealed partial class MemoryManager
{
    internal Task<MemoryAccess> LoadAsync(ClientProcess p, ulong addr, int width) => Serialized(async () =>
    {
        if (width != 1 && width != 2 && width != 4 && width != 8)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "loads are 1, 2, 4 or 8 bytes");
        }

        var buffer = new byte[width];
        var fault = await pager.AccessAsync(p.Space, addr, buffer, store: false).ConfigureAwait(false);
        if (fault is { } f)
        {
            return f;
        }

        ulong value = 0;
        for (int i = width - 1; i >= 0; i--)
        {
            value = (value << 8) | buffer[i];
        }

        return new MemoryAccess(Signal.None, 0, value, null);
    });

    internal Task<MemoryAccess> StoreAsync(ClientProcess p, ulong addr, int width, ulong value) => Serialized(async () =>
    {
        if (width != 1 && width != 2 && width != 4 && width != 8)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "stores are 1, 2, 4 or 8 bytes");
        }

        var buffer = new byte[width];
        for (int i = 0; i < width; i++)
        {
            buffer[i] = (byte)(value >> (8 * i));
        }

        return await pager.AccessAsync(p.Space, addr, buffer, store: true).ConfigureAwait(false) ?? new MemoryAccess(Signal.None, 0, value, null);
    });

    internal Task<MemoryAccess> LoadBytesAsync(ClientProcess p, ulong addr, int count) => Serialized(async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var buffer = new byte[count];
        return await pager.AccessAsync(p.Space, addr, buffer, store: false).ConfigureAwait(false) ?? new MemoryAccess(Signal.None, 0, 0, buffer);
    });

    internal Task<MemoryAccess> StoreBytesAsync(ClientProcess p, ulong addr, ReadOnlyMemory<byte> bytes) => Serialized(async () =>
    {
        var buffer = bytes.ToArray();
        return await pager.AccessAsync(p.Space, addr, buffer, store: true).ConfigureAwait(false) ?? new MemoryAccess(Signal.None, 0, 0, null);
    });

    internal Task<QnxResult> MsyncAsync(ClientProcess p, ulong addr, ulong len, uint flags) => Serialized(async () =>
    {
        const uint known = MapFlags.MsAsync | MapFlags.MsSync | MapFlags.MsInvalidate;
        if ((flags & ~known) != 0 || (flags & (MapFlags.MsAsync | MapFlags.MsSync)) == (MapFlags.MsAsync | MapFlags.MsSync))
        {
            return QnxResult.Fail(Errno.EINVAL);
        }

        if (!AddressSpace.TryRange(addr, len, out ulong start, out ulong end))
        {
            return QnxResult.Fail(Errno.EINVAL);
        }

        if (end == start)
        {
            return QnxResult.Success(); // an empty range: nothing to do
        }

        if (!p.Space.FullyMapped(start, end))
        {
            return QnxResult.Fail(Errno.ENOMEM);
        }

        // Write-backs (and invalidation) first, for every mapping in the range…
        var toSync = new List<MappedObject>();
        foreach (var v in p.Space.Overlapping(start, end))
        {
            var obj = v.Object;
            if (obj == null)
            {
                continue;
            }

            ulong a = Math.Max(v.Start, start);
            ulong b = Math.Min(v.End, end);
            long first = v.PageIndexOf(a);
            long last = v.PageIndexOf(b - 1);
            if (v.IsShared && !obj.Uncached)
            {
                if (v.NoSyncFile)
                {
                    if ((flags & MapFlags.MsInvalidate) != 0)
                    {
                        Pager.DropDirty(obj, first, last);
                    }
                }
                else
                {
                    int e = await pager.WriteBackAsync(obj, first, last).ConfigureAwait(false);
                    if (e != 0)
                    {
                        return QnxResult.Fail(e);
                    }
                }
            }

            if ((flags & MapFlags.MsInvalidate) != 0 && !obj.Uncached)
            {
                Pager.DropClean(obj, first, last);
            }

            if ((flags & MapFlags.MsSync) != 0 && v.IsShared && !v.NoSyncFile && !toSync.Contains(obj))
            {
                toSync.Add(obj);
            }
        }

        // …then one _IO_SYNC per object, after all of its write-backs (behaviour.md §5).
        foreach (var obj in toSync)
        {
            int e = await pager.SyncAsync(obj).ConfigureAwait(false);
            if (e != 0)
            {
                return QnxResult.Fail(e);
            }
        }

        return QnxResult.Success();
    });
}
