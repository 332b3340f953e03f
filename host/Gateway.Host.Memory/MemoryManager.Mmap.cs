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
            return Failed(Errno.EPERM);
        }

        if (physical > long.MaxValue)
        {
            return Failed(Errno.EINVAL);
        }

        // MM-1 before any message: /dev/mem is opened only for a valid call.
        uint mapFlags = (flags & ~(MapFlags.Type | MapFlags.Phys)) | MapFlags.Shared;
        int invalid = Validate(addr, len, prot, ref mapFlags, MapFlags.NoFd, (long)physical);
        if (invalid != 0 || (mapFlags & MapFlags.Anon) != 0)
        {
            return Failed(Errno.EINVAL);
        }

        uint oflag = (prot & Prot.Write) != 0 ? OpenFlags.ReadWrite : OpenFlags.ReadOnly;
        if (!devMemFds.TryGetValue(oflag, out int mmFd))
        {
            mmFd = MmProcess.LowestFreeFd();
            if (mmFd < 0)
            {
                return Failed(Errno.EMFILE);
            }

            var open = await board.SendAsync(MmPid, mmFd, Connect("dev/mem", oflag)).ConfigureAwait(false);
            if (open.IsError)
            {
                return Failed(open.Value);
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
            ulong span = RoundUp(len + pageOff);
            if (addr % PageSize != pageOff || addr - pageOff > ulong.MaxValue - span)
            {
                return Errno.EINVAL;
            }
        }

        return 0;
    }

    private static MmapResult Failed(int errno, MmapResult? from = null) => new()
    {
        Errno = errno,
        ReplyBytes = from?.ReplyBytes,
        Reply = from?.Reply,
        ReplyExt = from?.ReplyExt,
        RequestCoid = from?.RequestCoid ?? 0,
        ReturnedCoid = from?.ReturnedCoid ?? 0,
        SentProt = from?.SentProt ?? 0,
        SentRequiredProt = from?.SentRequiredProt ?? 0,
        Retried = from?.Retried ?? false,
        NonConformance = from?.NonConformance,
    };

    /// <summary>
    /// mmap() in <paramref name="space"/>'s address space, with the board checking (<paramref name="client"/>'s pid,
    /// <paramref name="fd"/>): MM-1 validation, MM-2 request, MM-3 retry, MM-4 allowed_prot, MM-5 stat, MM-6 object.
    /// </summary>
    private async Task<MmapResult> MmapLockedAsync(ClientProcess space, ClientProcess client, int fd, ulong addr, ulong len, uint prot, uint flags, long offset)
    {
        // MM-1: validation before any message.
        int invalid = Validate(addr, len, prot, ref flags, fd, offset);
        if (invalid != 0)
        {
            return Failed(invalid);
        }

        bool anon = (flags & MapFlags.Anon) != 0;
        bool fixedAddr = (flags & MapFlags.Fixed) != 0;
        ulong pageOff = (ulong)offset % PageSize;
        bool anonymous = anon || fd == MapFlags.NoFd;
        if (!anonymous && !client.HasFd(fd))
        {
            return Failed(Errno.EBADF);
        }

        ulong span = RoundUp(len + pageOff);
        ulong start;
        if (fixedAddr)
        {
            start = addr - pageOff;
        }
        else if (!TryFindFree(space, span, out start))
        {
            return Failed(Errno.ENOMEM);
        }

        if (anonymous)
        {
            if (fixedAddr)
            {
                await UnmapRangeAsync(space, start, start + span).ConfigureAwait(false);
            }

            // Anonymous memory has no file: its pages count from 0 whatever offset was given.
            Insert(space, new Vma { Start = start, End = start + span, Prot = prot, MaxProt = Prot.Mask, Flags = flags, FileOffset = 0, Fd = MapFlags.NoFd });
            return new MmapResult { Address = start + pageOff };
        }

        // MM-2: one _IO_MMAP on a fresh coid.
        bool shared = (flags & MapFlags.Type) == MapFlags.Shared;
        int coid = nextCoid++;
        uint sendProt = prot | Prot.Write;
        uint required = (prot | Prot.Read) & ~Prot.NoCache;
        if (!shared)
        {
            required &= ~Prot.Write;
        }

        var reply = await SendMmapAsync(client, fd, coid, sendProt, required, (ulong)offset, len).ConfigureAwait(false);
        bool retried = false;
        bool needsWrite = (prot & Prot.Write) != 0 && shared;
        if (reply.IsError && (reply.Value == Errno.EACCES || reply.Value == Errno.EROFS) && !needsWrite)
        {
            // MM-3: as QNX 6.4's memory manager does for old servers that check `prot`.
            retried = true;
            sendProt &= ~Prot.Write;
            reply = await SendMmapAsync(client, fd, coid, sendProt, required, (ulong)offset, len).ConfigureAwait(false);
        }

        var result = new MmapResult { RequestCoid = coid, SentProt = sendProt, SentRequiredProt = required, Retried = retried };
        if (reply.IsError)
        {
            return Failed(reply.Value, result);
        }

        // The reply: 24 or 184 bytes.
        var body = reply.Body;
        var plain = new IoMmapReply();
        IoMmapReplyExt? ext = null;
        if (body.Length == IoMmapReply.Size)
        {
            plain.Decode(body, 0, body.Length);
        }
        else if (body.Length == IoMmapReplyExt.Size)
        {
            ext = new IoMmapReplyExt();
            ext.Decode(body, 0, body.Length);
            plain = ext.Base;
        }
        else
        {
            // MM-5: the board said yes; close what it may have bound (the coid a reply this long names, else ours).
            int named = body.Length >= IoMmapReply.Size ? LittleEndian.ReadI32(body, IoMmapReply.OffCoid) : coid;
            if (IsOurCoid(named))
            {
                await CloseIfUnusedAsync(named).ConfigureAwait(false);
            }

            return Failed(Errno.EBADMSG, new MmapResult { RequestCoid = coid, ReplyBytes = body, SentProt = sendProt, SentRequiredProt = required, Retried = retried, NonConformance = $"mmap reply of {body.Length} bytes" });
        }

        int returned = plain.Coid;
        if (!IsOurCoid(returned))
        {
            // A coid the memory manager never sent on (0, an fd of a client, its own /dev/mem fd…) is not a mapping OCB.
            return Failed(Errno.EBADMSG, With(new MmapResult { RequestCoid = coid, ReturnedCoid = returned, ReplyBytes = body, Reply = plain, ReplyExt = ext, SentProt = sendProt, SentRequiredProt = required, Retried = retried },
                $"the reply names coid {returned}, which the memory manager never sent an _IO_MMAP on"));
        }

        uint allowed = plain.AllowedProt;
        string? nonConformance = null;
        result = new MmapResult { RequestCoid = coid, ReturnedCoid = returned, ReplyBytes = body, Reply = plain, ReplyExt = ext, SentProt = sendProt, SentRequiredProt = required, Retried = retried };

        // MM-4: an old server's 24-byte reply with allowed_prot 0 allowed what it accepted.
        if (allowed == 0)
        {
            if (ext != null)
            {
                await CloseIfUnusedAsync(returned).ConfigureAwait(false);
                return Failed(Errno.EACCES, With(result, "a 184-byte reply with allowed_prot 0"));
            }

            allowed = sendProt & Prot.Rwx;
        }

        if ((required & allowed) != required)
        {
            await CloseIfUnusedAsync(returned).ConfigureAwait(false);
            return Failed(Errno.EACCES, With(result, $"allowed_prot 0x{allowed:x} does not cover required_prot 0x{required:x}"));
        }

        // MM-5: the stat from the extended reply, or a separate _IO_STAT on the returned coid.
        Stat? stat = null;
        bool statFromReply = false;
        int statForm = Protocol.Qnx.StatForm.Unset;
        uint objFlags = 0;
        if (ext != null && MmapReplyFlags.IsExtended(ext.Flags))
        {
            objFlags = ext.Flags;
            var check = new IoMmapReplyExt();
            if (check.Decode(body, 0, body.Length) == DecodeError.None && StatForm.SizeOf(ext.Form) != 0)
            {
                stat = ext.Stat;
                statForm = ext.Form;
                statFromReply = true;
            }
        }

        if (stat == null)
        {
            var st = await board.SendAsync(MmPid, returned, StatRequest(0)).ConfigureAwait(false);
            if (st.IsError)
            {
                await CloseIfUnusedAsync(returned).ConfigureAwait(false);
                return Failed(Errno.ENOTSUP, result);
            }

            stat = new Stat();
            if (stat.DecodeBySize(st.Body, 0, st.Body.Length, out statForm) != DecodeError.None)
            {
                await CloseIfUnusedAsync(returned).ConfigureAwait(false);
                return Failed(Errno.EBADMSG, With(result, $"_IO_STAT body of {st.Body.Length} bytes"));
            }
        }

        if (FileMode.IsDir(stat.Mode))
        {
            await CloseIfUnusedAsync(returned).ConfigureAwait(false);
            return Failed(Errno.ENOTSUP, result);
        }

        // MM-8: a private copy of live registers means nothing.
        if (MmapReplyFlags.CacheMode(objFlags) == MmapReplyFlags.CacheForceInvalidate && !shared)
        {
            await CloseIfUnusedAsync(returned).ConfigureAwait(false);
            return Failed(Errno.EINVAL, result);
        }

        // MM-6: one object and page cache per returned coid.
        // The new mapping counts before MAP_FIXED unmaps what it replaces: replacing a mapping of the same object
        // must not take its count to zero and close the coid the new mapping pages through (MM-6, MM-11).
        var obj = Adopt(returned, stat, objFlags, plain);
        obj.Mappings++;
        obj.LingerUntil = null;
        if (fixedAddr)
        {
            await UnmapRangeAsync(space, start, start + span).ConfigureAwait(false);
        }

        uint maxProt = shared ? allowed : (allowed | Prot.Read | Prot.Write);
        if (retried && shared)
        {
            maxProt &= ~Prot.Write; // read-only for good (MM-3)
        }

        long fileOffset = offset - (long)pageOff;
        Insert(space, new Vma
        {
            Start = start,
            End = start + span,
            Prot = prot,
            MaxProt = maxProt | Prot.NoCache,
            Flags = flags,
            Object = obj,
            FileOffset = fileOffset,
            Fd = fd,
            FdGeneration = client.FdGeneration(fd),
            InfoPid = client.Pid,
        });

        return new MmapResult
        {
            Address = start + pageOff,
            RequestCoid = coid,
            ReturnedCoid = returned,
            ReplyBytes = body,
            Reply = plain,
            ReplyExt = ext,
            SentProt = sendProt,
            SentRequiredProt = required,
            Retried = retried,
            Stat = stat,
            StatFromReply = statFromReply,
            StatForm = statForm,
            AllowedProt = allowed,
            NonConformance = nonConformance,
        };
    }

    private static MmapResult With(MmapResult r, string nonConformance) => new()
    {
        RequestCoid = r.RequestCoid,
        ReturnedCoid = r.ReturnedCoid,
        ReplyBytes = r.ReplyBytes,
        Reply = r.Reply,
        ReplyExt = r.ReplyExt,
        SentProt = r.SentProt,
        SentRequiredProt = r.SentRequiredProt,
        Retried = r.Retried,
        NonConformance = nonConformance,
    };

    private Task<Board.BoardReply> SendMmapAsync(ClientProcess client, int fd, int coid, uint prot, uint required, ulong offset, ulong len) =>
        board.SendAsync(MmPid, coid, Mmap(client.Pid, fd, prot, required, offset, len, client.Is64Bit));

    /// <summary>MM-5: whenever mmap() fails after the board said yes, the returned coid is closed unless another mapping uses it.</summary>
    private async Task CloseIfUnusedAsync(int coid)
    {
        if (objects.TryGetValue(coid, out var obj))
        {
            if (obj.Mappings == 0)
            {
                // A lingering object: no mapping uses it any more.
                await CloseObjectAsync(obj).ConfigureAwait(false);
            }

            return;
        }

        await board.SendAsync(MmPid, coid, Close()).ConfigureAwait(false);
    }

    /// <summary>A coid this memory manager sent an <c>_IO_MMAP</c> on (fresh coids, MM-2).</summary>
    private bool IsOurCoid(int coid) => coid >= FirstMmCoid && coid < nextCoid;

    private MappedObject Adopt(int coid, Stat stat, uint flags, IoMmapReply reply)
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
            // MM-8: READ_FROM_CACHE pages outlive the coid, keyed by (st_dev, st_ino), reused while size and mtime hold.
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

    private static ulong RoundUp(ulong n) => (n + PageSize - 1) & ~(ulong)(PageSize - 1);

    /// <summary>
    /// The pages a range call acts on (behaviour.md §5: start rounded down, end rounded up); false when the range
    /// runs past the top of the address space.
    /// </summary>
    private static bool TryRange(ulong addr, ulong len, out ulong start, out ulong end)
    {
        start = RoundDown(addr);
        end = 0;
        if (addr > ulong.MaxValue - len || addr + len > ulong.MaxValue - (PageSize - 1))
        {
            return false;
        }

        end = RoundUp(addr + len);
        return true;
    }

    private static ulong RoundDown(ulong n) => n & ~(ulong)(PageSize - 1);

    private bool TryFindFree(ClientProcess space, ulong span, out ulong start)
    {
        start = Options.MappingBase;
        foreach (var v in space.Vmas.Values)
        {
            if (v.End <= start)
            {
                continue;
            }

            if (v.Start >= start + span)
            {
                break;
            }

            start = v.End;
        }

        return start + span > start;
    }

    private static void Insert(ClientProcess space, Vma v) => space.Vmas[v.Start] = v;

    /// <summary>The mappings overlapping [start, end), in address order.</summary>
    private static List<Vma> Overlapping(ClientProcess space, ulong start, ulong end) =>
        space.Vmas.Values.Where(v => v.Start < end && v.End > start).ToList();

    /// <summary>True when every page of [start, end) is mapped.</summary>
    private static bool FullyMapped(ClientProcess space, ulong start, ulong end)
    {
        ulong at = start;
        foreach (var v in Overlapping(space, start, end))
        {
            if (v.Start > at)
            {
                return false;
            }

            at = Math.Max(at, v.End);
        }

        return at >= end;
    }

    /// <summary>Splits mappings at <paramref name="start"/> and <paramref name="end"/> so the range is whole mappings.</summary>
    private static List<Vma> Carve(ClientProcess space, ulong start, ulong end)
    {
        var inside = new List<Vma>();
        foreach (var v in Overlapping(space, start, end))
        {
            space.Vmas.Remove(v.Start);
            ulong a = Math.Max(v.Start, start);
            ulong b = Math.Min(v.End, end);
            if (v.Start < a)
            {
                var left = v.Slice(v.Start, a);
                Insert(space, left);
                if (left.Object != null)
                {
                    left.Object.Mappings++;
                }
            }

            if (b < v.End)
            {
                var right = v.Slice(b, v.End);
                Insert(space, right);
                if (right.Object != null)
                {
                    right.Object.Mappings++;
                }
            }

            // The middle piece takes the original mapping's place (and its count on the object).
            var mid = v.Slice(a, b);
            Insert(space, mid);
            inside.Add(mid);
        }

        return inside;
    }

    // ---- munmap (MM-11) --------------------------------------------------------------------------------

    internal Task<QnxResult> MunmapAsync(ClientProcess p, ulong addr, ulong len) => Serialized(async () =>
    {
        if (len == 0 || !TryRange(addr, len, out ulong start, out ulong end))
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
        foreach (var v in Carve(space, start, end))
        {
            if (v.Object != null && v.IsShared && !v.Object.Uncached)
            {
                long first = v.PageIndexOf(v.Start);
                long last = v.PageIndexOf(v.End - 1);
                if (v.NoSyncFile)
                {
                    DropDirty(v.Object, first, last);
                }
                else
                {
                    int e = await WriteBackAsync(v.Object, first, last).ConfigureAwait(false);
                    if (firstError == 0)
                    {
                        firstError = e;
                    }
                }
            }

            space.Vmas.Remove(v.Start);
            await ReleaseMappingAsync(v.Object).ConfigureAwait(false);
        }

        return firstError;
    }

    // ---- mprotect (MM-10) ------------------------------------------------------------------------------

    internal Task<QnxResult> MprotectAsync(ClientProcess p, ulong addr, ulong len, uint prot) => Serialized(async () =>
    {
        if ((prot & ~Prot.Mask) != 0 || !TryRange(addr, len, out ulong start, out ulong end))
        {
            return QnxResult.Fail(Errno.EINVAL);
        }

        if (!FullyMapped(p, start, end))
        {
            return QnxResult.Fail(Errno.ENOMEM);
        }

        var pieces = Overlapping(p, start, end);

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
            uint required = (prot | Prot.Read) & ~Prot.NoCache;
            if (!v.IsShared)
            {
                required &= ~Prot.Write;
            }

            int coid = nextCoid++;
            var reply = await SendMmapAsync(owner, v.Fd, coid, prot | Prot.Write, required, (ulong)v.FileOffsetOf(a), b - a).ConfigureAwait(false);
            if (reply.IsError)
            {
                return QnxResult.Fail(reply.Value);
            }

            // The reply is judged as mmap's (MM-4): 24 or 184 bytes, a coid of ours, and PROT_EXEC allowed.
            var body = reply.Body;
            if (body.Length != IoMmapReply.Size && body.Length != IoMmapReplyExt.Size)
            {
                if (body.Length >= IoMmapReply.Size && IsOurCoid(LittleEndian.ReadI32(body, IoMmapReply.OffCoid)) && LittleEndian.ReadI32(body, IoMmapReply.OffCoid) != v.Object.Coid)
                {
                    await CloseIfUnusedAsync(LittleEndian.ReadI32(body, IoMmapReply.OffCoid)).ConfigureAwait(false);
                }

                return QnxResult.Fail(Errno.EBADMSG);
            }

            int returned = LittleEndian.ReadI32(body, IoMmapReply.OffCoid);
            if (!IsOurCoid(returned))
            {
                return QnxResult.Fail(Errno.EBADMSG);
            }

            uint allowed = LittleEndian.ReadU32(body, IoMmapReply.OffAllowedProt);
            if (allowed == 0 && body.Length == IoMmapReply.Size)
            {
                allowed = (prot | Prot.Write) & Prot.Rwx; // an old server: what it accepted
            }

            if (returned != v.Object.Coid)
            {
                await CloseIfUnusedAsync(returned).ConfigureAwait(false);
            }

            if ((required & allowed) != required)
            {
                return QnxResult.Fail(Errno.EACCES);
            }
        }

        foreach (var v in Carve(p, start, end))
        {
            v.Prot = prot;
        }

        return QnxResult.Success();
    });
}
