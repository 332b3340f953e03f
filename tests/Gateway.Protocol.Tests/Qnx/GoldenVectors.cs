using System;
using System.Collections.Generic;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>One expected field of a golden vector: its C member path (as <c>wire decode</c> prints it) and value.</summary>
public sealed record GoldenField(string Path, Int128? Number, string? Text)
{
    public override string ToString()
    {
        return Number.HasValue ? $"{Path}={Number.Value}" : $"{Path}=\"{Text}\"";
    }
}

/// <summary>
/// A byte vector built by hand from the offsets of qnx-messages.md (never by running an encoder), with the fields it
/// holds. <see cref="WireType"/> is the <c>gateway wire --type</c> name; <see cref="Form"/> the <c>--form</c> of a bare stat.
/// </summary>
public sealed record GoldenVector(string Name, string WireType, string? Form, string Hex, IReadOnlyList<GoldenField> Fields)
{
    public byte[] Bytes => Convert.FromHexString(Hex);

    public Int128 N(string path)
    {
        foreach (GoldenField f in Fields)
        {
            if (f.Path == path && f.Number.HasValue)
            {
                return f.Number.Value;
            }
        }

        throw new KeyNotFoundException($"{Name} has no numeric field {path}");
    }

    public string S(string path)
    {
        foreach (GoldenField f in Fields)
        {
            if (f.Path == path && f.Text != null)
            {
                return f.Text;
            }
        }

        throw new KeyNotFoundException($"{Name} has no text field {path}");
    }

    public override string ToString()
    {
        return Name;
    }
}

/// <summary>
/// The golden vectors. Every field holds a distinct non-zero value where the field allows it, so a swapped or
/// shifted field shows; reserved fields hold zero here (the encoders write zero) and are tested non-zero apart.
/// Each line is one field: offset, the little-endian bytes, the field and its value.
/// </summary>
public static class GoldenVectors
{
    private static string H(params string[] parts)
    {
        return string.Concat(parts);
    }

    private static GoldenField F(string path, Int128 value)
    {
        return new GoldenField(path, value, null);
    }

    private static GoldenField T(string path, string text)
    {
        return new GoldenField(path, null, text);
    }

    private static List<GoldenField> Prefixed(string prefix, IEnumerable<GoldenField> fields)
    {
        var list = new List<GoldenField>();
        foreach (GoldenField f in fields)
        {
            list.Add(f with { Path = prefix + f.Path });
        }

        return list;
    }

    private static List<GoldenField> Concat(params IEnumerable<GoldenField>[] parts)
    {
        var list = new List<GoldenField>();
        foreach (IEnumerable<GoldenField> p in parts)
        {
            list.AddRange(p);
        }

        return list;
    }

    // ---------------------------------------------------------------- _msg_info32 (§2), 48 bytes
    public const string MsgInfo32Hex =
        "94939291" + //  0 nd         u32 0x91929394 (high bit set: printed unsigned)
        "24232221" + //  4 srcnd      u32 0x21222324
        "34333231" + //  8 pid        i32 0x31323334
        "44434241" + // 12 tid        i32 0x41424344
        "54535251" + // 16 chid       i32 0x51525354
        "64636261" + // 20 scoid      i32 0x61626364
        "74737271" + // 24 coid       i32 0x71727374
        "0d0c0b0a" + // 28 msglen     i32 0x0A0B0C0D
        "feffffff" + // 32 srcmsglen  i32 -2
        "2d2c2b2a" + // 36 dstmsglen  i32 0x2A2B2C2D
        "3b3a" +     // 40 priority   i16 0x3A3B
        "0210" +     // 42 flags      i16 0x1002 (_NTO_MI_BITS_64 | _NTO_MI_ENDIAN_DIFF)
        "4d4c4b4a";  // 44 type_id    u32 0x4A4B4C4D

    public static readonly GoldenField[] MsgInfo32Fields =
    {
        F("nd", 0x91929394u), F("srcnd", 0x21222324), F("pid", 0x31323334), F("tid", 0x41424344),
        F("chid", 0x51525354), F("scoid", 0x61626364), F("coid", 0x71727374), F("msglen", 0x0A0B0C0D),
        F("srcmsglen", -2), F("dstmsglen", 0x2A2B2C2D), F("priority", 0x3A3B), F("flags", 0x1002),
        F("type_id", 0x4A4B4C4D),
    };

    public static readonly GoldenVector MsgInfo32 = new("_msg_info32", "msg-info32", null, MsgInfo32Hex, MsgInfo32Fields);

    // ---------------------------------------------------------------- _io_mmap (§3), 88 bytes
    public static readonly GoldenVector IoMmap = new("_io_mmap", "mmap-request", null, H(
        "1201",                 //  0 type           u16 0x112 _IO_MMAP
        "5800",                 //  2 combine_len    u16 88
        "00070000",             //  4 prot           u32 0x700 READ|WRITE|EXEC
        "8897a6b5c4d3e2f1",     //  8 offset         u64 0xF1E2D3C4B5A69788 (above 2^63: exact u64)
        MsgInfo32Hex,           // 16 info           _msg_info32, as above
        "00030000",             // 64 required_prot  u32 0x300 READ|WRITE
        "000000000000000000000000", // 68 zero[3]    reserved
        "0020010000000000"),    // 80 requested_len  u64 0x12000
        Concat(new[]
        {
            F("type", 0x112), F("combine_len", 88), F("prot", 0x700), F("offset", 0xF1E2D3C4B5A69788ul),
        },
        Prefixed("info.", MsgInfo32Fields),
        new[]
        {
            F("required_prot", 0x300), F("zero[0]", 0), F("zero[1]", 0), F("zero[2]", 0), F("requested_len", 0x12000),
        }));

    // ---------------------------------------------------------------- _io_mmap_reply (§4), 24 bytes
    public const string MmapReplyHex =
        "00000000" +         //  0 zero          u32 0 (reserved)
        "00050000" +         //  4 allowed_prot  u32 0x500 READ|EXEC
        "8877665544332211" + //  8 offset        u64 0x1122334455667788
        "03000040" +         // 16 coid          i32 0x40000003 (_NTO_SIDE_CHANNEL | 3)
        "2b1a0000";          // 20 fd            i32 0x1A2B

    public static readonly GoldenField[] MmapReplyFields =
    {
        F("zero", 0), F("allowed_prot", 0x500), F("offset", 0x1122334455667788), F("coid", 0x40000003), F("fd", 0x1A2B),
    };

    public static readonly GoldenVector IoMmapReply = new("_io_mmap_reply", "mmap-reply", null, MmapReplyHex, MmapReplyFields);

    // ---------------------------------------------------------------- stat forms (§7)
    /// <summary>The 72 bytes every form shares.</summary>
    public const string StatCommonHex =
        "a8a7a6a5a4a3a2a1" + //  0 st_ino        u64 0xA1A2A3A4A5A6A7A8 (above 2^63)
        "5634120000000000" + //  8 st_size       i64 0x123456
        "b4b3b2b1" +         // 16 st_dev        u32 0xB1B2B3B4
        "02000000" +         // 20 st_rdev       u32 2 (_S_INSHD)
        "64000000" +         // 24 st_uid        i32 100
        "15000000" +         // 28 st_gid        i32 21
        "c4c3c2c1" +         // 32 st_mtime      u32 0xC1C2C3C4 (unsigned seconds; 2008: __old_st_mtime)
        "c8c7c6c5" +         // 36 st_atime      u32 0xC5C6C7C8 (2008: __old_st_atime)
        "cccbcac9" +         // 40 st_ctime      u32 0xC9CACBCC (2008: __old_st_ctime)
        "a4810000" +         // 44 st_mode       u32 0x81A4 S_IFREG|0644
        "03000000" +         // 48 st_nlink      u32 3
        "00020000" +         // 52 st_blocksize  u32 512
        "11000000" +         // 56 st_nblocks    i32 17
        "00100000" +         // 60 st_blksize    u32 4096
        "8800000000000000";  // 64 st_blocks     u64 136

    public const string StatT32_2008TimesHex =
        "d4d3d2d1" + "0065cd1d" + // 72 st_mtim {u32 tv_sec 0xD1D2D3D4, i32 tv_nsec 500000000}
        "d8d7d6d5" + "ffe0f505" + // 80 st_atim {u32 tv_sec 0xD5D6D7D8, i32 tv_nsec 99999999}
        "dcdbdad9" + "07000000";  // 88 st_ctim {u32 tv_sec 0xD9DADBDC, i32 tv_nsec 7}

    public const string StatT64_2008TimesHex =
        "e4e3e2e101000000" + "0165cd1d00000000" + //  72 st_mtim {i64 tv_sec 0x1E1E2E3E4, i64 tv_nsec 500000001}
        "e8e7e6e502000000" + "0300000000000000" + //  88 st_atim {i64 tv_sec 0x2E5E6E7E8, i64 tv_nsec 3}
        "fbffffffffffffff" + "ffc99a3b00000000";  // 104 st_ctim {i64 tv_sec -5, i64 tv_nsec 999999999}

    private static GoldenField[] StatCommonFields(bool is2008)
    {
        string m = is2008 ? "__old_st_mtime" : "st_mtime";
        string a = is2008 ? "__old_st_atime" : "st_atime";
        string c = is2008 ? "__old_st_ctime" : "st_ctime";
        return new[]
        {
            F("st_ino", 0xA1A2A3A4A5A6A7A8ul), F("st_size", 0x123456), F("st_dev", 0xB1B2B3B4u), F("st_rdev", 2),
            F("st_uid", 100), F("st_gid", 21), F(m, 0xC1C2C3C4u), F(a, 0xC5C6C7C8u), F(c, 0xC9CACBCCu),
            F("st_mode", 0x81A4), F("st_nlink", 3), F("st_blocksize", 512), F("st_nblocks", 17),
            F("st_blksize", 4096), F("st_blocks", 136),
        };
    }

    public static readonly GoldenField[] StatT32_2001Fields = StatCommonFields(false);

    public static readonly GoldenField[] StatT32_2008Fields = Concat(StatCommonFields(true), new[]
    {
        F("st_mtim.tv_sec", 0xD1D2D3D4u), F("st_mtim.tv_nsec", 500000000),
        F("st_atim.tv_sec", 0xD5D6D7D8u), F("st_atim.tv_nsec", 99999999),
        F("st_ctim.tv_sec", 0xD9DADBDCu), F("st_ctim.tv_nsec", 7),
    }).ToArray();

    public static readonly GoldenField[] StatT64_2008Fields = Concat(StatCommonFields(true), new[]
    {
        F("st_mtim.tv_sec", 0x1E1E2E3E4), F("st_mtim.tv_nsec", 500000001),
        F("st_atim.tv_sec", 0x2E5E6E7E8), F("st_atim.tv_nsec", 3),
        F("st_ctim.tv_sec", -5), F("st_ctim.tv_nsec", 999999999),
    }).ToArray();

    public static readonly GoldenVector StatT32_2001 = new("__stat_t32_2001", "stat", "t32_2001", StatCommonHex, StatT32_2001Fields);

    public static readonly GoldenVector StatT32_2008 = new("__stat_t32_2008", "stat", "t32_2008", StatCommonHex + StatT32_2008TimesHex, StatT32_2008Fields);

    public static readonly GoldenVector StatT64_2008 = new("__stat_t64_2008", "stat", "t64_2008", StatCommonHex + StatT64_2008TimesHex, StatT64_2008Fields);

    // ---------------------------------------------------------------- _io_mmap_reply_ext (§5), 184 bytes
    private const string ExtReserved =
        "00000000" +                                                         // 28 extended.zero32
        "0000000000000000000000000000000000000000000000000000000000000000"; // 32 extended.zero64[4]

    private static List<GoldenField> ExtFields(uint flags, GoldenField[] stat)
    {
        return Concat(
            Prefixed("base.", MmapReplyFields),
            new[]
            {
                F("extended.flags", flags), F("extended.zero32", 0), F("extended.zero64[0]", 0),
                F("extended.zero64[1]", 0), F("extended.zero64[2]", 0), F("extended.zero64[3]", 0),
            },
            Prefixed("extended.stat.", stat));
    }

    /// <summary>Form T32_2001: flags 0x2D = USE_EXTENDED | STAT_FORM(1) 0x08 | CACHE_READ_FROM_CACHE | BYPASS_FSTATVFS.</summary>
    public static readonly GoldenVector IoMmapReplyExtT32_2001 = new("_io_mmap_reply_ext/t32_2001", "mmap-reply-ext", null, H(
        MmapReplyHex,           //   0 base
        "2d000000",             //  24 extended.flags 0x2D
        ExtReserved,            //  28 reserved
        StatCommonHex,          //  64 extended.stat, 72 bytes
        new string('0', 2 * 48)), // 136 union tail past the form: zero
        ExtFields(0x2D, StatT32_2001Fields));

    /// <summary>Form T32_2008: flags 0x53 = USE_EXTENDED | CACHE_FORCE_INVALIDATE | STAT_FORM(2) 0x10 | REMOVABLE.</summary>
    public static readonly GoldenVector IoMmapReplyExtT32_2008 = new("_io_mmap_reply_ext/t32_2008", "mmap-reply-ext", null, H(
        MmapReplyHex,           //   0 base
        "53000000",             //  24 extended.flags 0x53
        ExtReserved,            //  28 reserved
        StatCommonHex,          //  64 extended.stat, common 72 bytes
        StatT32_2008TimesHex,   // 136 the three 8-byte timespecs
        new string('0', 2 * 24)), // 160 union tail: zero
        ExtFields(0x53, StatT32_2008Fields));

    /// <summary>Form T64_2008: flags 0xFF = 0x19 (USE_EXTENDED | STAT_FORM(3)) | DEFER_TO_MEMMGR | BYPASS | REMOVABLE | SHMEM.</summary>
    public static readonly GoldenVector IoMmapReplyExtT64_2008 = new("_io_mmap_reply_ext/t64_2008", "mmap-reply-ext", null, H(
        MmapReplyHex,           //   0 base
        "ff000000",             //  24 extended.flags 0xFF
        ExtReserved,            //  28 reserved
        StatCommonHex,          //  64 extended.stat, common 72 bytes
        StatT64_2008TimesHex),  // 136 the three 16-byte timespecs; ends at 184
        ExtFields(0xFF, StatT64_2008Fields));

    // ---------------------------------------------------------------- _io_connect (§8) + path
    /// <summary>OPEN of "dev/gpio/bank0": 40-byte header, 15-byte path (with NUL), 55 bytes in all.</summary>
    public static readonly GoldenVector IoConnectOpen = new("_io_connect/open", "connect", null, H(
        "0001",                 //  0 type        u16 0x100 _IO_CONNECT
        "0200",                 //  2 subtype     u16 2 _IO_CONNECT_OPEN
        "0b000000",             //  4 file_type   u32 0x0B
        "1d0c",                 //  8 reply_max   u16 0x0C1D
        "2f0e",                 // 10 entry_max   u16 0x0E2F
        "df9b5713",             // 12 key         u32 0x13579BDF
        "e0ac6824",             // 16 handle      u32 0x2468ACE0
        "03010000",             // 20 ioflag      u32 0x103 (O_RDWR|O_CREAT on the wire: access + 1)
        "b6810000",             // 24 mode        u32 0x81B6 S_IFREG|0666
        "4000",                 // 28 sflag       u16 0x40 SH_DENYNO
        "0600",                 // 30 access      u16 6
        "9cff",                 // 32 dirfd       i16 -100
        "0f00",                 // 34 path_len    u16 15 (14 + NUL)
        "07",                   // 36 eflag       u8 7
        "08",                   // 37 extra_type  u8 8
        "0000",                 // 38 extra_len   u16 0
        "6465762f6770696f2f62616e6b30" + "00"), // 40 path "dev/gpio/bank0" NUL
        new[]
        {
            F("type", 0x100), F("subtype", 2), F("file_type", 0x0B), F("reply_max", 0x0C1D), F("entry_max", 0x0E2F),
            F("key", 0x13579BDF), F("handle", 0x2468ACE0), F("ioflag", 0x103), F("mode", 0x81B6), F("sflag", 0x40),
            F("access", 6), F("dirfd", -100), F("path_len", 15), F("eflag", 7), F("extra_type", 8), F("extra_len", 0),
            T("path", "dev/gpio/bank0"), T("extra", ""),
        });

    /// <summary>COMBINE of "data/app" with an attached _io_stat: path ends at 49, padding to 56, 8-byte _io_stat, 64 in all.</summary>
    public static readonly GoldenVector IoConnectCombineStat = new("_io_connect/combine+_io_stat", "connect", null, H(
        "0001",                 //  0 type        u16 0x100
        "0000",                 //  2 subtype     u16 0 _IO_CONNECT_COMBINE
        "0c000000",             //  4 file_type   u32 0x0C
        "1e0d",                 //  8 reply_max   u16 0x0D1E
        "2a0f",                 // 10 entry_max   u16 0x0F2A
        "26594131",             // 12 key         u32 0x31415926
        "18281827",             // 16 handle      u32 0x27182818
        "01000000",             // 20 ioflag      u32 1 (O_RDONLY on the wire)
        "ff010000",             // 24 mode        u32 0x1FF
        "2000",                 // 28 sflag       u16 0x20 SH_DENYWR
        "0200",                 // 30 access      u16 2
        "0500",                 // 32 dirfd       i16 5
        "0900",                 // 34 path_len    u16 9 (8 + NUL)
        "03",                   // 36 eflag       u8 3
        "04",                   // 37 extra_type  u8 4
        "0800",                 // 38 extra_len   u16 8
        "646174612f617070" + "00", // 40 path "data/app" NUL; ends at 49
        "00000000000000",       // 49 padding to 56 (_QNX_MSG_ALIGN 8)
        "0401" + "0800" + "03000000"), // 56 _io_stat {type 0x104, combine_len 8, format 3 T64_2008}
        new[]
        {
            F("type", 0x100), F("subtype", 0), F("file_type", 0x0C), F("reply_max", 0x0D1E), F("entry_max", 0x0F2A),
            F("key", 0x31415926), F("handle", 0x27182818), F("ioflag", 1), F("mode", 0x1FF), F("sflag", 0x20),
            F("access", 2), F("dirfd", 5), F("path_len", 9), F("eflag", 3), F("extra_type", 4), F("extra_len", 8),
            T("path", "data/app"), T("extra", "0401080003000000"),
        });

    // ---------------------------------------------------------------- _io_read / _io_write (§8)
    public static readonly GoldenVector IoRead = new("_io_read", "read", null, H(
        "0101",                 //  0 type         u16 0x101 _IO_READ
        "1000",                 //  2 combine_len  u16 16
        "00100000",             //  4 nbytes       u32 4096
        "00400000",             //  8 xtype        u32 0x4000 (a flag bit; low byte _IO_XTYPE_NONE)
        "00000000"),            // 12 zero         reserved
        new[] { F("type", 0x101), F("combine_len", 16), F("nbytes", 4096), F("xtype", 0x4000), F("zero", 0) });

    public static readonly GoldenVector IoReadOffset = new("_io_read+_xtype_offset", "read", null, H(
        "0101",                 //  0 type         u16 0x101
        "1800",                 //  2 combine_len  u16 24 (16 + _xtype_offset)
        "00200000",             //  4 nbytes       u32 0x2000
        "05000000",             //  8 xtype        u32 5 _IO_XTYPE_OFFSET
        "00000000",             // 12 zero         reserved
        "8967452301000000"),    // 16 _xtype_offset.offset i64 0x123456789
        new[]
        {
            F("type", 0x101), F("combine_len", 24), F("nbytes", 0x2000), F("xtype", 5), F("zero", 0),
            F("xtype_offset.offset", 0x123456789),
        });

    public static readonly GoldenVector IoWrite = new("_io_write", "write", null, H(
        "0201",                 //  0 type         u16 0x102 _IO_WRITE
        "1000",                 //  2 combine_len  u16 16
        "05000000",             //  4 nbytes       u32 5
        "00800000",             //  8 xtype        u32 0x8000 (a flag bit; low byte _IO_XTYPE_NONE)
        "00000000",             // 12 zero         reserved
        "a1b2c3d4e5"),          // 16 data         5 bytes
        new[]
        {
            F("type", 0x102), F("combine_len", 16), F("nbytes", 5), F("xtype", 0x8000), F("zero", 0), T("data", "a1b2c3d4e5"),
        });

    public static readonly GoldenVector IoWriteOffset = new("_io_write+_xtype_offset", "write", null, H(
        "0201",                 //  0 type         u16 0x102
        "1800",                 //  2 combine_len  u16 24
        "03000000",             //  4 nbytes       u32 3
        "05000000",             //  8 xtype        u32 5 _IO_XTYPE_OFFSET
        "00000000",             // 12 zero         reserved
        "fc1f000000000000",     // 16 _xtype_offset.offset i64 0x1FFC
        "deadbe"),              // 24 data         3 bytes
        new[]
        {
            F("type", 0x102), F("combine_len", 24), F("nbytes", 3), F("xtype", 5), F("zero", 0),
            F("xtype_offset.offset", 0x1FFC), T("data", "deadbe"),
        });

    // ---------------------------------------------------------------- _io_lseek (§8) and its reply
    public static readonly GoldenVector IoLseek = new("_io_lseek", "lseek", null, H(
        "0901",                 //  0 type         u16 0x109 _IO_LSEEK
        "1000",                 //  2 combine_len  u16 16
        "0200",                 //  4 whence       i16 2 SEEK_END
        "0000",                 //  6 zero         reserved
        "00f0ffffffffffff"),    //  8 offset       u64 0xFFFFFFFFFFFFF000 (-4096 as off64_t)
        new[] { F("type", 0x109), F("combine_len", 16), F("whence", 2), F("zero", 0), F("offset", 0xFFFFFFFFFFFFF000ul) });

    public static readonly GoldenVector IoLseekReply = new("_io_lseek reply", "lseek-reply", null, H(
        "0030120000000000"),    //  0 offset       u64 0x123000
        new[] { F("offset", 0x123000) });

    // ---------------------------------------------------------------- _io_stat, _io_devctl, _io_sync, _io_close (§8)
    public static readonly GoldenVector IoStat = new("_io_stat", "stat-request", null, H(
        "0401",                 //  0 type         u16 0x104 _IO_STAT
        "0800",                 //  2 combine_len  u16 8
        "02000000"),            //  4 format       u32 2 _STAT_FORM_T32_2008
        new[] { F("type", 0x104), F("combine_len", 8), F("format", 2) });

    public static readonly GoldenVector IoDevctl = new("_io_devctl", "devctl", null, H(
        "0601",                 //  0 type         u16 0x106 _IO_DEVCTL
        "1000",                 //  2 combine_len  u16 16
        "010408c0",             //  4 dcmd         i32 0xC0080401 (__DIOTF: negative as i32)
        "08000000",             //  8 nbytes       u32 8
        "00000000",             // 12 zero         reserved
        "0102030405060708"),    // 16 data         8 bytes
        new[]
        {
            F("type", 0x106), F("combine_len", 16), F("dcmd", unchecked((int)0xC0080401)), F("nbytes", 8), F("zero", 0),
            T("data", "0102030405060708"),
        });

    public static readonly GoldenVector IoDevctlReply = new("_io_devctl_reply", "devctl-reply", null, H(
        "00000000",             //  0 zero         reserved
        "45230100",             //  4 ret_val      i32 0x12345
        "04000000",             //  8 nbytes       u32 4
        "00000000",             // 12 zero2        reserved
        "cafef00d"),            // 16 data         4 bytes
        new[] { F("zero", 0), F("ret_val", 0x12345), F("nbytes", 4), F("zero2", 0), T("data", "cafef00d") });

    public static readonly GoldenVector IoSync = new("_io_sync", "sync", null, H(
        "1901",                 //  0 type         u16 0x119 _IO_SYNC
        "0800",                 //  2 combine_len  u16 8
        "20000000"),            //  4 flag         u32 0x20
        new[] { F("type", 0x119), F("combine_len", 8), F("flag", 0x20) });

    public static readonly GoldenVector IoClose = new("_io_close", "close", null, H(
        "1601",                 //  0 type         u16 0x116 _IO_CLOSE
        "0400"),                //  2 combine_len  u16 4
        new[] { F("type", 0x116), F("combine_len", 4) });

    // ---------------------------------------------------------------- struct dirent records (§7)
    /// <summary>Two records as one _IO_READ of a directory returns them, each padded to 8.</summary>
    public static readonly GoldenVector Dirents = new("dirent x2", "dirent", null, H(
        "0807060504030201",     //  0 d_ino       u64 0x0102030405060708
        "0100000000000000",     //  8 d_offset    i64 1
        "2000",                 // 16 d_reclen    i16 32 (20 + 5 + NUL = 26, padded to 32)
        "0500",                 // 18 d_namelen   i16 5
        "62616e6b30" + "00",    // 20 d_name      "bank0" NUL
        "000000000000",         // 26 padding to 32
        "1817161514131211",     // 32 d_ino       u64 0x1112131415161718
        "0200000000000000",     // 40 d_offset    i64 2
        "1800",                 // 48 d_reclen    i16 24 (20 + 3 + NUL = 24)
        "0300",                 // 50 d_namelen   i16 3
        "63746c" + "00"),       // 52 d_name      "ctl" NUL; ends at 56
        new[]
        {
            F("[0].d_ino", 0x0102030405060708), F("[0].d_offset", 1), F("[0].d_reclen", 32), F("[0].d_namelen", 5), T("[0].d_name", "bank0"),
            F("[1].d_ino", 0x1112131415161718), F("[1].d_offset", 2), F("[1].d_reclen", 24), F("[1].d_namelen", 3), T("[1].d_name", "ctl"),
        });

    /// <summary>One record alone (the CLI prints it as a list of one, as it prints several: issue 11 item 7).</summary>
    public static readonly GoldenVector Dirent = new("dirent", "dirent", null, H(
        "0807060504030201",     //  0 d_ino       u64 0x0102030405060708
        "0100000000000000",     //  8 d_offset    i64 1
        "2000",                 // 16 d_reclen    i16 32
        "0500",                 // 18 d_namelen   i16 5
        "62616e6b30" + "00",    // 20 d_name      "bank0" NUL
        "000000000000"),        // 26 padding to 32
        new[] { F("[0].d_ino", 0x0102030405060708), F("[0].d_offset", 1), F("[0].d_reclen", 32), F("[0].d_namelen", 5), T("[0].d_name", "bank0") });

    // ---------------------------------------------------------------- a combine message (§1): lseek + read
    public static readonly GoldenVector CombineLseekRead = new("combine lseek+read", "combine", null, H(
        "0901",                 //  0 type         u16 0x109 _IO_LSEEK
        "1080",                 //  2 combine_len  u16 0x8010 (16 | _IO_COMBINE_FLAG)
        "0000",                 //  4 whence       i16 0 SEEK_SET
        "0000",                 //  6 zero
        "0030000000000000",     //  8 offset       u64 0x3000
        "0101",                 // 16 type         u16 0x101 _IO_READ
        "1000",                 // 18 combine_len  u16 16, last part
        "00100000",             // 20 nbytes       u32 4096
        "00000000",             // 24 xtype        u32 0
        "00000000"),            // 28 zero
        new[]
        {
            F("[0].type", 0x109), F("[0].combine_len", 0x8010), F("[0].whence", 0), F("[0].offset", 0x3000),
            F("[1].type", 0x101), F("[1].combine_len", 16), F("[1].nbytes", 4096), F("[1].xtype", 0),
        });

    // ---------------------------------------------------------------- _cred_info, _client_info (§8)
    public const string CredInfoHex =
        "65000000" + //  0 ruid      i32 101
        "66000000" + //  4 euid      i32 102
        "67000000" + //  8 suid      i32 103
        "1f000000" + // 12 rgid      i32 31
        "21000000" + // 16 egid      i32 33
        "22000000" + // 20 sgid      i32 34
        "08000000" + // 24 ngroups   u32 8
        "1e000000" + "28000000" + "32000000" + "3c000000" + // 28 grouplist[0..3] 30 40 50 60
        "46000000" + "50000000" + "5a000000" + "feffffff";  // 44 grouplist[4..7] 70 80 90 -2

    public static readonly GoldenVector CredInfo = new("_cred_info", "cred-info", null, CredInfoHex, new[]
    {
        F("ruid", 101), F("euid", 102), F("suid", 103), F("rgid", 31), F("egid", 33), F("sgid", 34), F("ngroups", 8),
        F("grouplist[0]", 30), F("grouplist[1]", 40), F("grouplist[2]", 50), F("grouplist[3]", 60),
        F("grouplist[4]", 70), F("grouplist[5]", 80), F("grouplist[6]", 90), F("grouplist[7]", -2),
    });

    public static readonly GoldenVector ClientInfo = new("_client_info", "client-info", null, H(
        "09000000",             //  0 nd        u32 9
        "34120000",             //  4 pid       i32 0x1234
        "78560000",             //  8 sid       i32 0x5678
        "04000000",             // 12 flags     u32 4
        "e8030000",             // 16 cred.ruid i32 1000
        "e9030000",             // 20 cred.euid i32 1001
        "ea030000",             // 24 cred.suid i32 1002
        "eb030000",             // 28 cred.rgid i32 1003
        "ec030000",             // 32 cred.egid i32 1004
        "ed030000",             // 36 cred.sgid i32 1005
        "02000000",             // 40 cred.ngroups u32 2
        "14000000" + "15000000", // 44 cred.grouplist[0..1] 20 21
        "000000000000000000000000000000000000000000000000"), // 52 cred.grouplist[2..7] 0 (past ngroups)
        new[]
        {
            F("nd", 9), F("pid", 0x1234), F("sid", 0x5678), F("flags", 4),
            F("cred.ruid", 1000), F("cred.euid", 1001), F("cred.suid", 1002), F("cred.rgid", 1003), F("cred.egid", 1004),
            F("cred.sgid", 1005), F("cred.ngroups", 2), F("cred.grouplist[0]", 20), F("cred.grouplist[1]", 21),
            F("cred.grouplist[2]", 0), F("cred.grouplist[3]", 0), F("cred.grouplist[4]", 0), F("cred.grouplist[5]", 0),
            F("cred.grouplist[6]", 0), F("cred.grouplist[7]", 0),
        });

    /// <summary>Every vector that <c>gateway wire</c> decodes and encodes (the combine one is codec-only).</summary>
    public static readonly GoldenVector[] Wire =
    {
        IoMmap, IoMmapReply, IoMmapReplyExtT32_2001, IoMmapReplyExtT32_2008, IoMmapReplyExtT64_2008,
        StatT32_2001, StatT32_2008, StatT64_2008, MsgInfo32, IoConnectOpen, IoConnectCombineStat,
        IoRead, IoReadOffset, IoWrite, IoWriteOffset, IoLseek, IoLseekReply, IoStat, IoDevctl, IoDevctlReply,
        IoSync, IoClose, Dirent, Dirents, CredInfo, ClientInfo,
    };

    public static IEnumerable<object[]> WireData()
    {
        foreach (GoldenVector v in Wire)
        {
            yield return new object[] { v };
        }
    }
}
