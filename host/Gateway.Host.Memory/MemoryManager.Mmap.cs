using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Memory;

public sealed partial class MemoryManager
{
    /// <summary>Flag bits a client may not pass (MM-1): 0x4, 0x8, 0x8000, MAP_RESERVMASK (incl. MAP_SYSRAM) and PROT bits.</summary>
    private const uint RejectedFlags = MapFlags.ReservedLow | MapFlags.ReservMask | Prot.Mask;

    internal Task<MmapResult> MmapAsync(ClientProcess p, ulong addr, ulong len, uint prot, uint flags, int fd, long offset) =>
        Serialized(() => MmapLockedAsync(p, p, fd, addr, len, prot, flags, offset));

    /// <summary>MM-12: mmap_device_memory — euid 0 only (EPERM, no message); /dev/mem opened by the MM as root, mapped MAP_SHARED.</summary>
    internal Task<MmapResult> MmapDeviceMemoryAsync(ClientProcess p, ulong addr, ulong len, uint prot, uint flags, ulong physical) => Serialized(async () =>
    {
        if (p.Cred.Euid != 0)
        {
            return MmapExchange.Failed(Errno.EPERM);
        }

        if (physical > long.MaxValue)
        {
            return MmapExchange.Failed(Errno.EINVAL);
        }

        // MM-1 before any message: /dev/mem is opened only for a valid call.
        uint mapFlags = (flags & ~(MapFlags.Type | MapFlags.Phys)) | MapFlags.Shared;
        int invalid = Validate(addr, len, prot, ref mapFlags, MapFlags.NoFd, (long)physical);
        if (invalid != 0 || (mapFlags & MapFlags.Anon) != 0)
        {
            return MmapExchange.Failed(Errno.EINVAL);
        }

        uint oflag = (prot & Prot.Write) != 0 ? OpenFlags.ReadWrite : OpenFlags.ReadOnly;
        if (!devMemFds.TryGetValue(oflag, out int mmFd))
        {
            mmFd = MmProcess.LowestFreeFd();
            if (mmFd < 0)
            {
                return MmapExchange.Failed(Errno.EMFILE);
            }

            var open = await board.SendAsync(MmPid, mmFd, Connect("dev/mem", oflag)).ConfigureAwait(false);
            if (open.IsError)
            {
                return MmapExchange.Failed(open.Value);
            }

            MmProcess.BindFd(mmFd);
            devMemFds[oflag] = mmFd;
        }

        return await MmapLockedAsync(p, MmProcess, mmFd, addr, len, prot, mapFlags, (long)physical).ConfigureAwait(false);
    });

    /// <summary>
    /// MM-1, decided on the host with no message: len 0, prot outside PROT_MASK, reserved or PROT bits in flags,
    /// map type 3, MAP_PHYS, MAP_ANON with an fd, a negative offset, MAP_FIXED with addr ≢ offset (mod 4096) or a
    /// range past the top of the address space → EINVAL. No map type becomes MAP_PRIVATE. Returns 0 when valid.
    /// </summary>
    private static int Validate(ulong addr, ulong len, uint prot, ref uint flags, int fd, long offset)
    {
        if (len == 0 || (prot & ~Prot.Mask) != 0 || (flags & RejectedFlags) != 0)
        {
            return Errno.EINVAL;
        }

        uint type = flags & MapFlags.Type;
        if (type == MapFlags.Type || (flags & MapFlags.Phys) != 0)
        {
            return Errno.EINVAL;
        }

        if (type == 0)
        {
            flags |= MapFlags.Private;
        }

        if ((flags & MapFlags.Anon) != 0 && fd != MapFlags.NoFd)
        {
            return Errno.EINVAL;
        }

        if (offset < 0)
        {
            return Errno.EINVAL;
        }

        ulong pageOff = (ulong)offset % PageSize;
        if (len > ulong.MaxValue - PageSize - pageOff)
        {
            return Errno.EINVAL;
        }

        if ((flags & MapFlags.Fixed) != 0)
        {
            ulong span = AddressSpace.RoundUp(len + pageOff);
            if (addr % PageSize != pageOff || addr - pageOff > ulong.MaxValue - span)
            {
                return Errno.EINVAL;
            }
        }

        return 0;
    }

    /// <summary>
    /// mmap() in <paramref name="space"/>'s address space, with the board checking (<paramref name="client"/>'s pid,
    /// <paramref name="fd"/>): MM-1 validation, the place in the address space, then for a file the exchange
    /// (MM-2 … MM-5), the object (MM-6) and the mapping.
    /// </summary>
    private async Task<MmapResult> MmapLockedAsync(ClientProcess space, ClientProcess client, int fd, ulong addr, ulong len, uint prot, uint flags, long offset)
    {
        // MM-1: validation before any message.
        int invalid = Validate(addr, len, prot, ref flags, fd, offset);
        if (invalid != 0)
        {
            return MmapExchange.Failed(invalid);
        }

        bool anonymous = (flags & MapFlags.Anon) != 0 || fd == MapFlags.NoFd;
        if (!anonymous && !client.HasFd(fd))
        {
            return MmapExchange.Failed(Errno.EBADF);
        }

        bool fixedAddr = (flags & MapFlags.Fixed) != 0;
        ulong pageOff = (ulong)offset % PageSize;
        ulong span = AddressSpace.RoundUp(len + pageOff);
        ulong start;
        if (fixedAddr)
        {
            start = addr - pageOff;
        }
        else if (!space.Space.TryFindFree(Options.MappingBase, span, out start))
        {
            return MmapExchange.Failed(Errno.ENOMEM);
        }

        if (anonymous)
        {
            if (fixedAddr)
            {
                await UnmapRangeAsync(space, start, start + span).ConfigureAwait(false);
            }

            // Anonymous memory has no file: its pages count from 0 whatever offset was given.
            space.Space.Insert(new Vma { Start = start, End = start + span, Prot = prot, MaxProt = Prot.Mask, Flags = flags, FileOffset = 0, Fd = MapFlags.NoFd });
            return new MmapResult { Address = start + pageOff };
        }

        bool shared = (flags & MapFlags.Type) == MapFlags.Shared;
        var (sent, reply) = await exchange.RequestAsync(client, fd, prot, shared, offset, len).ConfigureAwait(false);
        if (reply.IsError)
        {
            return MmapExchange.Failed(reply.Value, sent);
        }

        MmapResult accepted = await exchange.AcceptAsync(sent, reply.Body, shared).ConfigureAwait(false);
        if (!accepted.Ok)
        {
            return accepted;
        }

        // MM-6: one object and page cache per returned coid.
        // The new mapping counts before MAP_FIXED unmaps what it replaces: replacing a mapping of the same object
        // must not take its count to zero and close the coid the new mapping pages through (MM-6, MM-11).
        var obj = objects.Adopt(accepted.ReturnedCoid, accepted.Stat!, MmapExchange.ObjectFlags(accepted), accepted.Reply!);
        obj.Mappings++;
        obj.LingerUntil = null;
        if (fixedAddr)
        {
            await UnmapRangeAsync(space, start, start + span).ConfigureAwait(false);
        }

        uint maxProt = shared ? accepted.AllowedProt : (accepted.AllowedProt | Prot.Read | Prot.Write);
        if (accepted.Retried && shared)
        {
            maxProt &= ~Prot.Write; // read-only for good (MM-3)
        }

        space.Space.Insert(new Vma
        {
            Start = start,
            End = start + span,
            Prot = prot,
            MaxProt = maxProt | Prot.NoCache,
            Flags = flags,
            Object = obj,
            FileOffset = offset - (long)pageOff,
            Fd = fd,
            FdGeneration = client.FdGeneration(fd),
            InfoPid = client.Pid,
        });

        return accepted with { Address = start + pageOff };
    }

    // ---- munmap (MM-11) --------------------------------------------------------------------------------

    internal Task<QnxResult> MunmapAsync(ClientProcess p, ulong addr, ulong len) => Serialized(async () =>
    {
        if (len == 0 || !AddressSpace.TryRange(addr, len, out ulong start, out ulong end))
        {
            return QnxResult.Fail(Errno.EINVAL);
        }

        int e = await UnmapRangeAsync(p, start, end).ConfigureAwait(false);
        return e == 0 ? QnxResult.Success() : QnxResult.Fail(e);
    });

    /// <summary>Removes [start, end): dirty shared pages are written back first (MAP_NOSYNCFILE ones dropped).</summary>
    private async Task<int> UnmapRangeAsync(ClientProcess space, ulong start, ulong end)
    {
        int firstError = 0;
        foreach (var v in space.Space.Carve(start, end))
        {
            if (v.Object != null && v.IsShared && !v.Object.Uncached)
            {
                long first = v.PageIndexOf(v.Start);
                long last = v.PageIndexOf(v.End - 1);
                if (v.NoSyncFile)
                {
                    Pager.DropDirty(v.Object, first, last);
                }
                else
                {
                    int e = await pager.WriteBackAsync(v.Object, first, last).ConfigureAwait(false);
                    if (firstError == 0)
                    {
                        firstError = e;
                    }
                }
            }

            space.Space.Remove(v);
            await objects.ReleaseMappingAsync(v.Object).ConfigureAwait(false);
        }

        return firstError;
    }

    // ---- mprotect (MM-10) ------------------------------------------------------------------------------

    internal Task<QnxResult> MprotectAsync(ClientProcess p, ulong addr, ulong len, uint prot) => Serialized(async () =>
    {
        if ((prot & ~Prot.Mask) != 0 || !AddressSpace.TryRange(addr, len, out ulong start, out ulong end))
        {
            return QnxResult.Fail(Errno.EINVAL);
        }

        if (!p.Space.FullyMapped(start, end))
        {
            return QnxResult.Fail(Errno.ENOMEM);
        }

        var pieces = p.Space.Overlapping(start, end);

        // Check every piece before changing any.
        foreach (var v in pieces)
        {
            bool addsWrite = (prot & Prot.Write) != 0 && (v.Prot & Prot.Write) == 0;
            if (addsWrite && v.IsShared && (v.MaxProt & Prot.Write) == 0)
            {
                return QnxResult.Fail(Errno.EACCES);
            }
        }

        foreach (var v in pieces)
        {
            bool addsExec = (prot & Prot.Exec) != 0 && (v.Prot & Prot.Exec) == 0;
            if (!addsExec || v.Object == null)
            {
                continue;
            }

            var owner = Process(v.InfoPid);
            if (owner == null || owner.FdGeneration(v.Fd) != v.FdGeneration)
            {
                return QnxResult.Fail(Errno.EACCES); // the client closed its fd: no message (behaviour.md §5)
            }

            ulong a = Math.Max(v.Start, start);
            ulong b = Math.Min(v.End, end);
            int e = await exchange.ExecUpgradeAsync(owner, v.Fd, v.Object, prot, v.IsShared, v.FileOffsetOf(a), b - a).ConfigureAwait(false);
            if (e != 0)
            {
                return QnxResult.Fail(e);
            }
        }

        foreach (var v in p.Space.Carve(start, end))
        {
            v.Prot = prot;
        }

        return QnxResult.Success();
    });
}
