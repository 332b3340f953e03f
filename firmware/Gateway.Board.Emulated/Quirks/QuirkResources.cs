using Gateway.Devices.Boards;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;

namespace Gateway.Board.Emulated.Quirks;

/// <summary>
/// The emulated board's quirk resources (board-resources.md, rules.md §5): non-conforming or old servers for
/// testing the memory manager. All are S_IFCHR 0666 0:0, 4096 bytes, on a rw mount, in a 0755 /quirks
/// directory; off unless asked for (<c>emu:?quirks=1</c>), never on a real board. The conformance harness
/// exempts them from its reply checks (rules.md §4).
/// </summary>
public static class QuirkResources
{
    public const int Size = 4096;
    private const uint Mode0666 = 0x1B6;
    private const uint Mode0755 = 0x1ED;

    public static void Add(Devices.Boards.Board board)
    {
        var rm = board.Rm;
        var dir = BoardNamespace.Dir(rm, rm.Namespace.Root, "quirks", Mode0755, board.DevMount);
        Quirk(rm, board, dir, "legacy").Funcs.Mmap = LegacyMmap;
        Quirk(rm, board, dir, "noext").Funcs.Mmap = NoExtMmap;
        Quirk(rm, board, dir, "badform").Funcs.Mmap = BadFormMmap;
        Quirk(rm, board, dir, "stingy").Funcs.Mmap = StingyMmap;
        var badstat = Quirk(rm, board, dir, "badstat");
        badstat.MmapReply = MmapReplyKind.Plain;
        badstat.Funcs.Stat = BadStat;
        Quirk(rm, board, dir, "shortwrite").Funcs.Write = ShortWrite;
    }

    private static ResourceAttr Quirk(ResourceManager.ResourceManager rm, Devices.Boards.Board board, ResourceAttr dir, string name)
    {
        var a = BoardNamespace.Device(rm, dir, name, FileMode.Chr | Mode0666, Owner.Root, board.DevMount,
            size: Size, rdev: DeviceIds.Quirk, flags: MmapReplyFlags.CacheDefault);
        a.Data = new byte[Size];
        for (int i = 0; i < Size; i++)
        {
            a.Data[i] = (byte)(i ^ name.Length);
        }

        return a;
    }

    /// <summary>/quirks/legacy answers like QNX 6.4: checks <c>prot</c>, not <c>required_prot</c>; a 24-byte reply with allowed_prot 0.</summary>
    private static int LegacyMmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
    {
        var old = new IoMmapRequest { Prot = msg.Prot, Offset = msg.Offset, RequiredProt = 0, RequestedLen = 0 };
        old.Info.CopyFrom(msg.Info);
        var reply = new IoMmapReply();
        int e = IoFunc.Mmap(ctp, old, ocb, ocb.Attr, reply);
        if (e != Errno.EOK)
        {
            return e;
        }

        reply.AllowedProt = 0; // the 6.4 `flags` word, unused
        return ctp.SetBody(reply.Encode(ctp.Body, ctp.BodyOffset));
    }

    /// <summary>/quirks/noext: a 184-byte reply with USE_EXTENDED clear and junk in the stat (allowed_prot as RM-16).</summary>
    private static int NoExtMmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
    {
        var reply = new IoMmapReplyExt();
        int e = IoFunc.MmapExt(ctp, msg, ocb, ocb.Attr, 0, ctp.Rm.FormFor(ocb.Attr), reply);
        if (e != Errno.EOK)
        {
            return e;
        }

        int n = reply.Encode(ctp.Body, ctp.BodyOffset);
        // Clear USE_EXTENDED, keep a form in the flags, and fill the stat union with junk.
        Protocol.Wire.LittleEndian.WriteU32(ctp.Body, ctp.BodyOffset + IoMmapReplyExt.OffFlags, reply.Flags & ~MmapReplyFlags.UseExtended);
        for (int i = 0; i < StatForm.UnionSize; i++)
        {
            ctp.Body[ctp.BodyOffset + IoMmapReplyExt.OffStat + i] = (byte)(0xA5 ^ i);
        }

        return ctp.SetBody(n);
    }

    /// <summary>/quirks/badform: a 184-byte reply with USE_EXTENDED and the stat form UNSET.</summary>
    private static int BadFormMmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
    {
        var reply = new IoMmapReplyExt();
        int e = IoFunc.MmapExt(ctp, msg, ocb, ocb.Attr, 0, ctp.Rm.FormFor(ocb.Attr), reply);
        if (e != Errno.EOK)
        {
            return e;
        }

        int n = reply.Encode(ctp.Body, ctp.BodyOffset);
        Protocol.Wire.LittleEndian.WriteU32(ctp.Body, ctp.BodyOffset + IoMmapReplyExt.OffFlags, reply.Flags & ~MmapReplyFlags.StatFormMask);
        return ctp.SetBody(n);
    }

    /// <summary>/quirks/stingy: success, a normal 184-byte reply, but allowed_prot = PROT_READ whatever was required.</summary>
    private static int StingyMmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
    {
        var reply = new IoMmapReplyExt();
        int e = IoFunc.MmapExt(ctp, msg, ocb, ocb.Attr, 0, ctp.Rm.FormFor(ocb.Attr), reply);
        if (e != Errno.EOK)
        {
            return e;
        }

        reply.Base.AllowedProt = Prot.Read;
        return ctp.SetBody(reply.Encode(ctp.Body, ctp.BodyOffset));
    }

    /// <summary>/quirks/badstat: answers <c>_IO_STAT</c> with a 100-byte body (its mmap reply is the plain one).</summary>
    private static int BadStat(ResmgrContext ctp, IoStatRequest msg, Ocb ocb)
    {
        var st = new Stat();
        IoFunc.StatFill(ctp.Rm, ocb.Attr, st);
        int n = st.Encode(ctp.Body, ctp.BodyOffset, StatForm.T32_2008);
        for (int i = n; i < 100; i++)
        {
            ctp.Body[ctp.BodyOffset + i] = 0;
        }

        return ctp.SetBody(100);
    }

    /// <summary>/quirks/shortwrite: every write is answered with half the bytes asked for (and writes that many).</summary>
    private static int ShortWrite(ResmgrContext ctp, IoWrite msg, Ocb ocb)
    {
        long offset;
        if (!IoFunc.TransferOffset(msg, ocb, out offset))
        {
            return Errno.EINVAL;
        }

        var attr = ocb.Attr;
        long n = msg.Nbytes / 2;
        if (offset >= attr.Size)
        {
            n = 0;
        }
        else if (n > attr.Size - offset)
        {
            n = attr.Size - offset;
        }

        if (n > 0)
        {
            System.Array.Copy(ctp.Message, msg.DataOffset, attr.Data, (int)offset, (int)n);
        }

        if (!msg.HasOffset)
        {
            ocb.Offset = offset + n;
        }

        ctp.Status = (int)n;
        return Errno.EOK;
    }
}
