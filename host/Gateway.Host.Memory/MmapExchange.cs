using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Memory;

/// <summary>
/// The memory manager's <c>_IO_MMAP</c> conversation with the board (behaviour.md §3): one request per mmap on a
/// fresh coid (MM-2), the retry without PROT_WRITE (MM-3), and the judgement of a yes — the reply's size and the
/// coid it names, allowed_prot against required_prot (MM-4), the stat from the extended reply or a separate
/// <c>_IO_STAT</c> (MM-5). Whatever it refuses after the board said yes, it closes (unless a mapping uses it).
/// </summary>
internal sealed class MmapExchange(IBoardChannel board, ObjectCache objects)
{
    private int nextCoid = MemoryManager.FirstMmCoid;

    /// <summary>The next fresh coid (MM-2: from 0x40000000 upward, never reused within a session).</summary>
    public int NextCoid => nextCoid;

    /// <summary>A coid this memory manager sent an <c>_IO_MMAP</c> on.</summary>
    public bool IsOurs(int coid) => coid >= MemoryManager.FirstMmCoid && coid < nextCoid;

    /// <summary>The required_prot of a mapping with <paramref name="prot"/>: read always, write only when shared, never NOCACHE.</summary>
    public static uint Required(uint prot, bool shared)
    {
        uint required = (prot | Prot.Read) & ~Prot.NoCache;
        return shared ? required : required & ~Prot.Write;
    }

    /// <summary>
    /// MM-2, MM-3: asks for <paramref name="client"/>'s mapping of <paramref name="fd"/> on a fresh coid, prot with
    /// PROT_WRITE added; refused with EACCES/EROFS when write was not needed, asks again without it. Returns what was
    /// sent (the result every outcome of this mmap builds on) and the board's last reply.
    /// </summary>
    public async Task<(MmapResult Sent, BoardReply Reply)> RequestAsync(ClientProcess client, int fd, uint prot, bool shared, long offset, ulong len)
    {
        int coid = nextCoid++;
        uint sendProt = prot | Prot.Write;
        uint required = Required(prot, shared);
        var reply = await SendAsync(client, fd, coid, sendProt, required, (ulong)offset, len).ConfigureAwait(false);
        bool retried = false;
        bool needsWrite = (prot & Prot.Write) != 0 && shared;
        if (reply.IsError && (reply.Value == Errno.EACCES || reply.Value == Errno.EROFS) && !needsWrite)
        {
            // MM-3: as QNX 6.4's memory manager does for old servers that check `prot`.
            retried = true;
            sendProt &= ~Prot.Write;
            reply = await SendAsync(client, fd, coid, sendProt, required, (ulong)offset, len).ConfigureAwait(false);
        }

        return (new MmapResult { RequestCoid = coid, SentProt = sendProt, SentRequiredProt = required, Retried = retried }, reply);
    }

    /// <summary>
    /// Judges the board's yes to <paramref name="sent"/>: a failed result (its errno and why the answer does not
    /// conform), or one with the reply decoded, the returned coid, the allowed_prot taken and the stat used.
    /// </summary>
    public async Task<MmapResult> AcceptAsync(MmapResult sent, byte[] body, bool shared)
    {
        // The reply: 24 or 184 bytes.
        var plain = new IoMmapReply();
        IoMmapReplyExt? ext = null;
        DecodeError extDecoded = DecodeError.None;
        if (body.Length == IoMmapReply.Size)
        {
            plain.Decode(body, 0, body.Length);
        }
        else if (body.Length == IoMmapReplyExt.Size)
        {
            ext = new IoMmapReplyExt();
            extDecoded = ext.Decode(body, 0, body.Length);
            plain = ext.Base;
        }
        else
        {
            // MM-5: the board said yes; close what it may have bound (the coid a reply this long names, else ours).
            int named = body.Length >= IoMmapReply.Size ? LittleEndian.ReadI32(body, IoMmapReply.OffCoid) : sent.RequestCoid;
            if (IsOurs(named))
            {
                await objects.CloseIfUnusedAsync(named).ConfigureAwait(false);
            }

            return Failed(Errno.EBADMSG, sent with { ReplyBytes = body, NonConformance = $"mmap reply of {body.Length} bytes" });
        }

        int returned = plain.Coid;
        var result = sent with { ReturnedCoid = returned, ReplyBytes = body, Reply = plain, ReplyExt = ext };
        if (!IsOurs(returned))
        {
            // A coid the memory manager never sent on (0, an fd of a client, its own /dev/mem fd…) is not a mapping OCB.
            return Failed(Errno.EBADMSG, result with { NonConformance = $"the reply names coid {returned}, which the memory manager never sent an _IO_MMAP on" });
        }

        // MM-4: an old server's 24-byte reply with allowed_prot 0 allowed what it accepted.
        uint allowed = plain.AllowedProt;
        if (allowed == 0)
        {
            if (ext != null)
            {
                return await RefuseAsync(Errno.EACCES, result with { NonConformance = "a 184-byte reply with allowed_prot 0" }).ConfigureAwait(false);
            }

            allowed = sent.SentProt & Prot.Rwx;
        }

        uint required = sent.SentRequiredProt;
        if ((required & allowed) != required)
        {
            return await RefuseAsync(Errno.EACCES, result with { NonConformance = $"allowed_prot 0x{allowed:x} does not cover required_prot 0x{required:x}" }).ConfigureAwait(false);
        }

        // MM-5: the stat from the extended reply, or a separate _IO_STAT on the returned coid.
        Stat? stat = null;
        bool statFromReply = false;
        int statForm = StatForm.Unset;
        if (ext != null && MmapReplyFlags.IsExtended(ext.Flags))
        {
            // The decode above judged the stat too: a form it does not know leaves no stat to adopt.
            if (extDecoded == DecodeError.None && StatForm.SizeOf(ext.Form) != 0)
            {
                stat = ext.Stat;
                statForm = ext.Form;
                statFromReply = true;
            }
        }

        if (stat == null)
        {
            var st = await board.SendAsync(MemoryManager.MmPid, returned, StatRequest(0)).ConfigureAwait(false);
            if (st.IsError)
            {
                return await RefuseAsync(Errno.ENOTSUP, result).ConfigureAwait(false);
            }

            stat = new Stat();
            if (stat.DecodeBySize(st.Body, 0, st.Body.Length, out statForm) != DecodeError.None)
            {
                return await RefuseAsync(Errno.EBADMSG, result with { NonConformance = $"_IO_STAT body of {st.Body.Length} bytes" }).ConfigureAwait(false);
            }
        }

        if (FileMode.IsDir(stat.Mode))
        {
            return await RefuseAsync(Errno.ENOTSUP, result).ConfigureAwait(false);
        }

        // MM-8: a private copy of live registers means nothing.
        if (MmapReplyFlags.CacheMode(ObjectFlags(result)) == MmapReplyFlags.CacheForceInvalidate && !shared)
        {
            return await RefuseAsync(Errno.EINVAL, result).ConfigureAwait(false);
        }

        return result with { Stat = stat, StatFromReply = statFromReply, StatForm = statForm, AllowedProt = allowed };
    }

    /// <summary>The object's flags: the extended reply's when it is one (USE_EXTENDED), else 0.</summary>
    public static uint ObjectFlags(MmapResult accepted) =>
        accepted.ReplyExt is { } ext && MmapReplyFlags.IsExtended(ext.Flags) ? ext.Flags : 0;

    /// <summary>
    /// MM-10's exec upgrade of a mapping of <paramref name="keep"/> (behaviour.md §5): asks again for
    /// [<paramref name="offset"/>, +<paramref name="len"/>) with <paramref name="prot"/>, and judges the reply as
    /// mmap's (MM-4): 24 or 184 bytes, a coid of ours, PROT_EXEC allowed. A coid other than the object's is closed.
    /// Returns 0 or the errno.
    /// </summary>
    public async Task<int> ExecUpgradeAsync(ClientProcess owner, int fd, MappedObject keep, uint prot, bool shared, long offset, ulong len)
    {
        uint required = Required(prot, shared);
        int coid = nextCoid++;
        var reply = await SendAsync(owner, fd, coid, prot | Prot.Write, required, (ulong)offset, len).ConfigureAwait(false);
        if (reply.IsError)
        {
            return reply.Value;
        }

        var body = reply.Body;
        if (body.Length != IoMmapReply.Size && body.Length != IoMmapReplyExt.Size)
        {
            if (body.Length >= IoMmapReply.Size && IsOurs(LittleEndian.ReadI32(body, IoMmapReply.OffCoid)) && LittleEndian.ReadI32(body, IoMmapReply.OffCoid) != keep.Coid)
            {
                await objects.CloseIfUnusedAsync(LittleEndian.ReadI32(body, IoMmapReply.OffCoid)).ConfigureAwait(false);
            }

            return Errno.EBADMSG;
        }

        int returned = LittleEndian.ReadI32(body, IoMmapReply.OffCoid);
        if (!IsOurs(returned))
        {
            return Errno.EBADMSG;
        }

        uint allowed = LittleEndian.ReadU32(body, IoMmapReply.OffAllowedProt);
        if (allowed == 0 && body.Length == IoMmapReply.Size)
        {
            allowed = (prot | Prot.Write) & Prot.Rwx; // an old server: what it accepted
        }

        if (returned != keep.Coid)
        {
            await objects.CloseIfUnusedAsync(returned).ConfigureAwait(false);
        }

        return (required & allowed) != required ? Errno.EACCES : 0;
    }

    /// <summary>A failed mmap: <paramref name="errno"/>, with what was sent and answered.</summary>
    public static MmapResult Failed(int errno, MmapResult? from = null) => (from ?? new MmapResult()) with { Errno = errno };

    private async Task<MmapResult> RefuseAsync(int errno, MmapResult result)
    {
        await objects.CloseIfUnusedAsync(result.ReturnedCoid).ConfigureAwait(false);
        return Failed(errno, result);
    }

    private Task<BoardReply> SendAsync(ClientProcess client, int fd, int coid, uint prot, uint required, ulong offset, ulong len) =>
        board.SendAsync(MemoryManager.MmPid, coid, Mmap(client.Pid, fd, prot, required, offset, len, client.Is64Bit));
}
