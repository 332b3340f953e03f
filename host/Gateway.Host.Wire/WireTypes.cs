using System;
using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Wire;

/// <summary>Every <c>gateway wire --type</c>, by name.</summary>
public static class WireTypes
{
    public static readonly IReadOnlyList<WireType> All = new WireType[]
    {
        new FixedStructType<IoMmapRequest>("mmap-request", "struct _io_mmap", IoMmapRequest.Size, QnxLayouts.IoMmap,
            () => new IoMmapRequest(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), IoMessageType.Mmap),
        new FixedStructType<IoMmapReply>("mmap-reply", "struct _io_mmap_reply", IoMmapReply.Size, QnxLayouts.IoMmapReply,
            () => new IoMmapReply(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o)),
        new MmapReplyExtType(),
        new StatType(),
        new FixedStructType<MsgInfo32>("msg-info32", "struct _msg_info32", MsgInfo32.Size, QnxLayouts.MsgInfo32,
            () => new MsgInfo32(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o)),
        new ConnectType(),
        ReadWriteType<IoRead>.Read(),
        ReadWriteType<IoWrite>.Write(),
        new FixedStructType<IoLseek>("lseek", "struct _io_lseek", IoLseek.Size, QnxLayouts.IoLseek,
            () => new IoLseek(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), IoMessageType.Lseek),
        new FixedStructType<LseekReply>("lseek-reply", "the _IO_LSEEK reply (u64)", IoLseek.ReplySize, LseekReply.Layout,
            () => new LseekReply(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o)),
        new FixedStructType<IoStatRequest>("stat-request", "struct _io_stat", IoStatRequest.Size, QnxLayouts.IoStat,
            () => new IoStatRequest(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), IoMessageType.Stat),
        new DevctlType(),
        new DevctlReplyType(),
        new FixedStructType<IoSync>("sync", "struct _io_sync", IoSync.Size, QnxLayouts.IoSync,
            () => new IoSync(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), IoMessageType.Sync),
        new FixedStructType<IoClose>("close", "struct _io_close", IoClose.Size, QnxLayouts.IoClose,
            () => new IoClose(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), IoMessageType.Close),
        new DirentType(),
        new FixedStructType<CredInfo>("cred-info", "struct _cred_info", CredInfo.Size, QnxLayouts.CredInfo,
            () => new CredInfo(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), badValueField: "ngroups",
            validate: c => CheckNgroups(c.Ngroups, "ngroups")),
        new FixedStructType<ClientInfo>("client-info", "struct _client_info", ClientInfo.Size, QnxLayouts.ClientInfo,
            () => new ClientInfo(), (m, b, o, n) => m.Decode(b, o, n), (m, b, o) => m.Encode(b, o), badValueField: "cred.ngroups",
            validate: c => CheckNgroups(c.Cred.Ngroups, "cred.ngroups")),
        new CombineType(),
    };

    public static IEnumerable<string> Names
    {
        get
        {
            foreach (WireType t in All)
            {
                yield return t.Name;
            }
        }
    }

    public static WireType? Find(string name)
    {
        foreach (WireType t in All)
        {
            if (string.Equals(t.Name, name, StringComparison.Ordinal))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The <c>--form</c> names of the stat forms.</summary>
    public static readonly IReadOnlyList<string> FormNames = new[] { "t32_2001", "t32_2008", "t64_2008" };

    public static int FormFromName(string? name)
    {
        return name switch
        {
            "t32_2001" => StatForm.T32_2001,
            "t32_2008" => StatForm.T32_2008,
            "t64_2008" => StatForm.T64_2008,
            _ => StatForm.Unset,
        };
    }

    private static void CheckNgroups(uint ngroups, string field)
    {
        if (ngroups > CredInfo.MaxGroups)
        {
            throw new WireInputException(field, $"{ngroups} is more than the {CredInfo.MaxGroups} slots of grouplist (decode refuses it: bad-value)");
        }
    }
}
