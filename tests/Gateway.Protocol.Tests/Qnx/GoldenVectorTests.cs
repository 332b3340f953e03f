using System;
using System.Text;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using static Gateway.Protocol.Tests.Qnx.CodecAssert;

namespace Gateway.Protocol.Tests.Qnx;

/// <summary>
/// Every codec against its hand-built golden vector: decode (every field), encode into a 0xFF-filled buffer
/// (every byte, reserved ones included, and nothing outside the struct), and decode → encode round trip.
/// </summary>
public sealed class GoldenVectorTests
{
    // ------------------------------------------------------------------ _msg_info32
    [Fact]
    public void MsgInfo32_GoldenVector_DecodesEveryField()
    {
        GoldenVector v = GoldenVectors.MsgInfo32;
        var m = new MsgInfo32();
        Assert.Equal(DecodeError.None, m.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        MsgInfo(v, "", m);
    }

    [Fact]
    public void MsgInfo32_GoldenFields_EncodeToGoldenBytes()
    {
        GoldenVector v = GoldenVectors.MsgInfo32;
        var m = new MsgInfo32();
        FillMsgInfo(v, "", m);
        Encodes(v.Name, v.Bytes, m.Encode);
    }

    [Fact]
    public void MsgInfo32_DecodedGolden_RoundTrips()
    {
        GoldenVector v = GoldenVectors.MsgInfo32;
        var m = new MsgInfo32();
        Assert.Equal(DecodeError.None, m.Decode(v.Bytes, 0, v.Bytes.Length));
        Encodes(v.Name, v.Bytes, m.Encode);
    }

    // ------------------------------------------------------------------ _io_mmap
    [Fact]
    public void IoMmapRequest_GoldenVector_DecodesEveryField()
    {
        GoldenVector v = GoldenVectors.IoMmap;
        Assert.Equal(IoMmapRequest.Size, v.Bytes.Length);
        var m = new IoMmapRequest();
        Assert.Equal(DecodeError.None, m.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", m.Type);
        Field(v, "combine_len", m.CombineLen);
        Field(v, "prot", m.Prot);
        Field(v, "offset", m.Offset);
        MsgInfo(v, "info.", m.Info);
        Field(v, "required_prot", m.RequiredProt);
        Field(v, "zero[0]", m.Zero[0]);
        Field(v, "zero[1]", m.Zero[1]);
        Field(v, "zero[2]", m.Zero[2]);
        Field(v, "requested_len", m.RequestedLen);
    }

    [Fact]
    public void IoMmapRequest_GoldenFields_EncodeToGoldenBytes()
    {
        GoldenVector v = GoldenVectors.IoMmap;
        var m = new IoMmapRequest
        {
            Type = (ushort)v.N("type"),
            CombineLen = (ushort)v.N("combine_len"),
            Prot = (uint)v.N("prot"),
            Offset = (ulong)v.N("offset"),
            RequiredProt = (uint)v.N("required_prot"),
            RequestedLen = (ulong)v.N("requested_len"),
        };
        FillMsgInfo(v, "info.", m.Info);
        Encodes(v.Name, v.Bytes, m.Encode);
    }

    [Fact]
    public void IoMmapRequest_DefaultHeader_IsTypeMmapAndLength88()
    {
        var m = new IoMmapRequest();
        Assert.Equal(0x112, m.Type);
        Assert.Equal(88, m.CombineLen);
    }

    [Fact]
    public void IoMmapRequest_DecodedGolden_RoundTrips()
    {
        GoldenVector v = GoldenVectors.IoMmap;
        var m = new IoMmapRequest();
        Assert.Equal(DecodeError.None, m.Decode(v.Bytes, 0, v.Bytes.Length));
        Encodes(v.Name, v.Bytes, m.Encode);
    }

    // ------------------------------------------------------------------ _io_mmap_reply
    [Fact]
    public void IoMmapReply_GoldenVector_DecodesEveryField()
    {
        GoldenVector v = GoldenVectors.IoMmapReply;
        Assert.Equal(IoMmapReply.Size, v.Bytes.Length);
        var r = new IoMmapReply();
        Assert.Equal(DecodeError.None, r.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        MmapReply(v, "", r);
    }

    [Fact]
    public void IoMmapReply_GoldenFields_EncodeToGoldenBytes()
    {
        GoldenVector v = GoldenVectors.IoMmapReply;
        var r = new IoMmapReply();
        FillMmapReply(v, "", r);
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    [Fact]
    public void IoMmapReply_DecodedGolden_RoundTrips()
    {
        GoldenVector v = GoldenVectors.IoMmapReply;
        var r = new IoMmapReply();
        Assert.Equal(DecodeError.None, r.Decode(v.Bytes, 0, v.Bytes.Length));
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    // ------------------------------------------------------------------ _io_mmap_reply_ext, each form
    public static TheoryData<string, int> ExtForms => new()
    {
        { GoldenVectors.IoMmapReplyExtT32_2001.Name, StatForm.T32_2001 },
        { GoldenVectors.IoMmapReplyExtT32_2008.Name, StatForm.T32_2008 },
        { GoldenVectors.IoMmapReplyExtT64_2008.Name, StatForm.T64_2008 },
    };

    private static GoldenVector ByName(string name)
    {
        return Array.Find(GoldenVectors.Wire, v => v.Name == name)!;
    }

    [Theory]
    [MemberData(nameof(ExtForms))]
    public void IoMmapReplyExt_GoldenVector_DecodesEveryFieldInItsForm(string name, int form)
    {
        GoldenVector v = ByName(name);
        Assert.Equal(IoMmapReplyExt.Size, v.Bytes.Length);
        var r = new IoMmapReplyExt();
        Assert.Equal(DecodeError.None, r.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        MmapReply(v, "base.", r.Base);
        Field(v, "extended.flags", r.Flags);
        Field(v, "extended.zero32", r.Zero32);
        for (int i = 0; i < IoMmapReplyExt.Zero64Count; i++)
        {
            Field(v, $"extended.zero64[{i}]", r.Zero64[i]);
        }

        Assert.Equal(form, r.Form);
        Assert.Equal(-1, r.StatTailNonZeroAt);
        Stat(v, "extended.stat.", form, r.Stat);
    }

    [Theory]
    [MemberData(nameof(ExtForms))]
    public void IoMmapReplyExt_GoldenFields_EncodeToGoldenBytes(string name, int form)
    {
        GoldenVector v = ByName(name);
        var r = new IoMmapReplyExt { Flags = (uint)v.N("extended.flags") };
        FillMmapReply(v, "base.", r.Base);
        FillStat(v, "extended.stat.", form, r.Stat);
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    [Theory]
    [MemberData(nameof(ExtForms))]
    public void IoMmapReplyExt_DecodedGolden_RoundTrips(string name, int form)
    {
        GoldenVector v = ByName(name);
        var r = new IoMmapReplyExt();
        Assert.Equal(DecodeError.None, r.Decode(v.Bytes, 0, v.Bytes.Length));
        Assert.Equal(form, r.Form);
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    [Fact]
    public void IoMmapReplyExt_StaleStatFieldsPastTheForm_AreNotEncoded()
    {
        // A T32_2001 reply whose Stat object still holds 2008 timespecs: the union tail must stay zero.
        GoldenVector v = GoldenVectors.IoMmapReplyExtT32_2001;
        var r = new IoMmapReplyExt { Flags = (uint)v.N("extended.flags") };
        FillMmapReply(v, "base.", r.Base);
        FillStat(v, "extended.stat.", StatForm.T32_2001, r.Stat);
        r.Stat.MtimSec = 0x7777; r.Stat.CtimNsec = 0x8888;
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    // ------------------------------------------------------------------ bare stat forms
    public static TheoryData<string, int> StatForms => new()
    {
        { GoldenVectors.StatT32_2001.Name, StatForm.T32_2001 },
        { GoldenVectors.StatT32_2008.Name, StatForm.T32_2008 },
        { GoldenVectors.StatT64_2008.Name, StatForm.T64_2008 },
    };

    [Theory]
    [MemberData(nameof(StatForms))]
    public void Stat_GoldenVector_DecodesEveryField(string name, int form)
    {
        GoldenVector v = ByName(name);
        Assert.Equal(StatForm.SizeOf(form), v.Bytes.Length);
        var s = new Messages.Stat();
        Assert.Equal(DecodeError.None, s.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length, form));
        Stat(v, "", form, s);
    }

    [Theory]
    [MemberData(nameof(StatForms))]
    public void Stat_GoldenVectorBySize_DecodesInItsForm(string name, int form)
    {
        GoldenVector v = ByName(name);
        var s = new Messages.Stat();
        Assert.Equal(DecodeError.None, s.DecodeBySize(v.Bytes, 0, v.Bytes.Length, out int decodedForm));
        Assert.Equal(form, decodedForm);
        Stat(v, "", form, s);
    }

    [Theory]
    [MemberData(nameof(StatForms))]
    public void Stat_GoldenFields_EncodeToGoldenBytes(string name, int form)
    {
        GoldenVector v = ByName(name);
        var s = new Messages.Stat();
        FillStat(v, "", form, s);
        Encodes(v.Name, v.Bytes, (b, o) => s.Encode(b, o, form));
    }

    [Theory]
    [MemberData(nameof(StatForms))]
    public void Stat_DecodedGolden_RoundTrips(string name, int form)
    {
        GoldenVector v = ByName(name);
        var s = new Messages.Stat();
        Assert.Equal(DecodeError.None, s.Decode(v.Bytes, 0, v.Bytes.Length, form));
        Encodes(v.Name, v.Bytes, (b, o) => s.Encode(b, o, form));
    }

    // ------------------------------------------------------------------ _io_connect + path
    private static void AssertConnectHeader(GoldenVector v, IoConnect c)
    {
        Field(v, "type", c.Type);
        Field(v, "subtype", c.Subtype);
        Field(v, "file_type", c.FileType);
        Field(v, "reply_max", c.ReplyMax);
        Field(v, "entry_max", c.EntryMax);
        Field(v, "key", c.Key);
        Field(v, "handle", c.Handle);
        Field(v, "ioflag", c.Ioflag);
        Field(v, "mode", c.Mode);
        Field(v, "sflag", c.Sflag);
        Field(v, "access", c.Access);
        Field(v, "dirfd", c.Dirfd);
        Field(v, "path_len", c.PathLen);
        Field(v, "eflag", c.Eflag);
        Field(v, "extra_type", c.ExtraType);
        Field(v, "extra_len", c.ExtraLen);
    }

    private static IoConnect ConnectFrom(GoldenVector v)
    {
        return new IoConnect
        {
            Type = (ushort)v.N("type"),
            Subtype = (ushort)v.N("subtype"),
            FileType = (uint)v.N("file_type"),
            ReplyMax = (ushort)v.N("reply_max"),
            EntryMax = (ushort)v.N("entry_max"),
            Key = (uint)v.N("key"),
            Handle = (uint)v.N("handle"),
            Ioflag = (uint)v.N("ioflag"),
            Mode = (uint)v.N("mode"),
            Sflag = (ushort)v.N("sflag"),
            Access = (ushort)v.N("access"),
            Dirfd = (short)v.N("dirfd"),
            Eflag = (byte)v.N("eflag"),
            ExtraType = (byte)v.N("extra_type"),
        };
    }

    [Fact]
    public void IoConnect_OpenGolden_DecodesHeaderAndPath()
    {
        GoldenVector v = GoldenVectors.IoConnectOpen;
        byte[] b = Embedded(v.Bytes);
        var c = new IoConnect();
        Assert.Equal(DecodeError.None, c.Decode(b, Margin, v.Bytes.Length));
        AssertConnectHeader(v, c);
        Assert.Equal(Margin + 40, c.PathOffset);
        Assert.Equal(v.S("path"), Encoding.UTF8.GetString(b, c.PathOffset, c.PathLength));
        Assert.Equal(-1, c.ExtraOffset);
    }

    [Fact]
    public void IoConnect_OpenGoldenFields_EncodeToGoldenBytes()
    {
        GoldenVector v = GoldenVectors.IoConnectOpen;
        IoConnect c = ConnectFrom(v);
        byte[] path = Encoding.UTF8.GetBytes(v.S("path"));
        Encodes(v.Name, v.Bytes, (b, o) => c.Encode(b, o, path, 0, path.Length, null!, 0, 0));
    }

    [Fact]
    public void IoConnect_CombineGolden_DecodesPathAndAttachedStatAtAlign8()
    {
        GoldenVector v = GoldenVectors.IoConnectCombineStat;
        byte[] b = Embedded(v.Bytes);
        var c = new IoConnect();
        Assert.Equal(DecodeError.None, c.Decode(b, Margin, v.Bytes.Length));
        AssertConnectHeader(v, c);
        Assert.Equal(v.S("path"), Encoding.UTF8.GetString(b, c.PathOffset, c.PathLength));
        Assert.Equal(Margin + 56, c.ExtraOffset);
        Assert.Equal(56, IoConnect.ExtraStart(c.PathLen));
        var stat = new IoStatRequest();
        Assert.Equal(DecodeError.None, stat.Decode(b, c.ExtraOffset, c.ExtraLen));
        Assert.Equal(IoMessageType.Stat, stat.Type);
        Assert.Equal(8, stat.CombineLen);
        Assert.Equal((uint)StatForm.T64_2008, stat.Format);
    }

    [Fact]
    public void IoConnect_CombineGoldenFields_EncodeWithZeroPadding()
    {
        GoldenVector v = GoldenVectors.IoConnectCombineStat;
        IoConnect c = ConnectFrom(v);
        byte[] path = Encoding.UTF8.GetBytes(v.S("path"));
        byte[] extra = new byte[8];
        int n = new IoStatRequest { Format = StatForm.T64_2008 }.Encode(extra, 0);
        Assert.Equal(8, n);
        Encodes(v.Name, v.Bytes, (b, o) => c.Encode(b, o, path, 0, path.Length, extra, 0, extra.Length));
    }

    [Fact]
    public void IoConnect_DecodedGolden_RoundTrips()
    {
        foreach (GoldenVector v in new[] { GoldenVectors.IoConnectOpen, GoldenVectors.IoConnectCombineStat })
        {
            byte[] g = v.Bytes;
            var c = new IoConnect();
            Assert.Equal(DecodeError.None, c.Decode(g, 0, g.Length));
            int extraOffset = c.ExtraOffset < 0 ? 0 : c.ExtraOffset;
            Encodes(v.Name, g, (b, o) => c.Encode(b, o, g, c.PathOffset, c.PathLength, g, extraOffset, c.ExtraLen));
        }
    }

    // ------------------------------------------------------------------ _io_read / _io_write
    [Fact]
    public void IoRead_Golden_DecodesEveryField()
    {
        GoldenVector v = GoldenVectors.IoRead;
        var r = new IoRead();
        Assert.Equal(DecodeError.None, r.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", r.Type);
        Field(v, "combine_len", r.CombineLen);
        Field(v, "nbytes", r.Nbytes);
        Field(v, "xtype", r.Xtype);
        Field(v, "zero", r.Zero);
        Assert.False(r.HasOffset);
        Assert.Equal(16, r.HeaderSize);
    }

    [Fact]
    public void IoRead_GoldenWithOffset_DecodesTheXtypeOffset()
    {
        GoldenVector v = GoldenVectors.IoReadOffset;
        var r = new IoRead();
        Assert.Equal(DecodeError.None, r.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", r.Type);
        Field(v, "combine_len", r.CombineLen);
        Field(v, "nbytes", r.Nbytes);
        Field(v, "xtype", r.Xtype);
        Field(v, "zero", r.Zero);
        Field(v, "xtype_offset.offset", r.XOffset);
        Assert.True(r.HasOffset);
        Assert.Equal(24, r.HeaderSize);
    }

    [Fact]
    public void IoRead_GoldenFields_EncodeToGoldenBytes()
    {
        GoldenVector v = GoldenVectors.IoRead;
        var r = new IoRead { Nbytes = (uint)v.N("nbytes"), Xtype = (uint)v.N("xtype") };
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    [Fact]
    public void IoRead_SetWithOffset_EncodesGoldenPread()
    {
        GoldenVector v = GoldenVectors.IoReadOffset;
        var r = new IoRead();
        r.Set((uint)v.N("nbytes"), true, (long)v.N("xtype_offset.offset"));
        Encodes(v.Name, v.Bytes, r.Encode);
    }

    [Fact]
    public void IoWrite_Golden_DecodesHeaderAndLocatesData()
    {
        GoldenVector v = GoldenVectors.IoWrite;
        byte[] b = Embedded(v.Bytes);
        var w = new IoWrite();
        Assert.Equal(DecodeError.None, w.Decode(b, Margin, v.Bytes.Length));
        Field(v, "type", w.Type);
        Field(v, "combine_len", w.CombineLen);
        Field(v, "nbytes", w.Nbytes);
        Field(v, "xtype", w.Xtype);
        Field(v, "zero", w.Zero);
        Assert.Equal(Margin + 16, w.DataOffset);
        Assert.Equal(v.S("data"), Convert.ToHexStringLower(b, w.DataOffset, (int)w.Nbytes));
    }

    [Fact]
    public void IoWrite_GoldenWithOffset_DecodesOffsetAndData()
    {
        GoldenVector v = GoldenVectors.IoWriteOffset;
        byte[] b = Embedded(v.Bytes);
        var w = new IoWrite();
        Assert.Equal(DecodeError.None, w.Decode(b, Margin, v.Bytes.Length));
        Field(v, "combine_len", w.CombineLen);
        Field(v, "xtype", w.Xtype);
        Field(v, "xtype_offset.offset", w.XOffset);
        Assert.Equal(Margin + 24, w.DataOffset);
        Assert.Equal(v.S("data"), Convert.ToHexStringLower(b, w.DataOffset, (int)w.Nbytes));
    }

    [Fact]
    public void IoWrite_GoldenFields_EncodeHeaderAndData()
    {
        foreach (GoldenVector v in new[] { GoldenVectors.IoWrite, GoldenVectors.IoWriteOffset })
        {
            var w = new IoWrite();
            byte[] data = Convert.FromHexString(v.S("data"));
            bool withOffset = v.N("xtype") == XType.Offset;
            w.Set((uint)data.Length, withOffset, withOffset ? (long)v.N("xtype_offset.offset") : 0);
            w.Xtype = (uint)v.N("xtype");
            Encodes(v.Name, v.Bytes, (b, o) => w.Encode(b, o, data, 0));
        }
    }

    [Fact]
    public void IoReadWrite_DecodedGolden_RoundTrips()
    {
        foreach (GoldenVector v in new[] { GoldenVectors.IoRead, GoldenVectors.IoReadOffset })
        {
            var r = new IoRead();
            Assert.Equal(DecodeError.None, r.Decode(v.Bytes, 0, v.Bytes.Length));
            Encodes(v.Name, v.Bytes, r.Encode);
        }

        foreach (GoldenVector v in new[] { GoldenVectors.IoWrite, GoldenVectors.IoWriteOffset })
        {
            byte[] g = v.Bytes;
            var w = new IoWrite();
            Assert.Equal(DecodeError.None, w.Decode(g, 0, g.Length));
            Encodes(v.Name, g, (b, o) => w.Encode(b, o, g, w.DataOffset));
        }
    }

    // ------------------------------------------------------------------ _io_lseek + reply
    [Fact]
    public void IoLseek_Golden_DecodesEveryField()
    {
        GoldenVector v = GoldenVectors.IoLseek;
        var l = new IoLseek();
        Assert.Equal(DecodeError.None, l.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", l.Type);
        Field(v, "combine_len", l.CombineLen);
        Field(v, "whence", l.Whence);
        Field(v, "zero", l.Zero);
        Field(v, "offset", (ulong)l.Offset);
    }

    [Fact]
    public void IoLseek_GoldenFields_EncodeToGoldenBytes()
    {
        GoldenVector v = GoldenVectors.IoLseek;
        var l = new IoLseek { Whence = (short)v.N("whence"), Offset = (long)(ulong)v.N("offset") };
        Encodes(v.Name, v.Bytes, l.Encode);
    }

    [Fact]
    public void IoLseekReply_Golden_DecodesAndEncodes()
    {
        GoldenVector v = GoldenVectors.IoLseekReply;
        Assert.Equal(DecodeError.None, IoLseek.DecodeReply(Embedded(v.Bytes), Margin, v.Bytes.Length, out long offset));
        Field(v, "offset", offset);
        Encodes(v.Name, v.Bytes, (b, o) => IoLseek.EncodeReply(b, o, offset));
    }

    [Fact]
    public void IoLseek_DecodedGolden_RoundTrips()
    {
        GoldenVector v = GoldenVectors.IoLseek;
        var l = new IoLseek();
        Assert.Equal(DecodeError.None, l.Decode(v.Bytes, 0, v.Bytes.Length));
        Encodes(v.Name, v.Bytes, l.Encode);
    }

    // ------------------------------------------------------------------ _io_stat, _io_sync, _io_close
    [Fact]
    public void IoStatRequest_Golden_DecodesEncodesAndRoundTrips()
    {
        GoldenVector v = GoldenVectors.IoStat;
        var s = new IoStatRequest();
        Assert.Equal(DecodeError.None, s.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", s.Type);
        Field(v, "combine_len", s.CombineLen);
        Field(v, "format", s.Format);
        Encodes(v.Name, v.Bytes, s.Encode);
        Encodes(v.Name, v.Bytes, new IoStatRequest { Format = (uint)v.N("format") }.Encode);
    }

    [Fact]
    public void IoSync_Golden_DecodesEncodesAndRoundTrips()
    {
        GoldenVector v = GoldenVectors.IoSync;
        var s = new IoSync();
        Assert.Equal(DecodeError.None, s.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", s.Type);
        Field(v, "combine_len", s.CombineLen);
        Field(v, "flag", s.Flag);
        Encodes(v.Name, v.Bytes, s.Encode);
        Encodes(v.Name, v.Bytes, new IoSync { Flag = (uint)v.N("flag") }.Encode);
    }

    [Fact]
    public void IoClose_Golden_DecodesEncodesAndRoundTrips()
    {
        GoldenVector v = GoldenVectors.IoClose;
        var c = new IoClose();
        Assert.Equal(DecodeError.None, c.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "type", c.Type);
        Field(v, "combine_len", c.CombineLen);
        Encodes(v.Name, v.Bytes, c.Encode);
        Encodes(v.Name, v.Bytes, new IoClose().Encode);
    }

    // ------------------------------------------------------------------ _io_devctl + reply
    [Fact]
    public void IoDevctl_Golden_DecodesHeaderAndLocatesData()
    {
        GoldenVector v = GoldenVectors.IoDevctl;
        byte[] b = Embedded(v.Bytes, 0);
        var d = new IoDevctl();
        Assert.Equal(DecodeError.None, d.Decode(b, Margin, v.Bytes.Length));
        Field(v, "type", d.Type);
        Field(v, "combine_len", d.CombineLen);
        Field(v, "dcmd", d.Dcmd);
        Field(v, "nbytes", d.Nbytes);
        Field(v, "zero", d.Zero);
        Assert.Equal(Margin + 16, d.DataOffset);
        Assert.Equal(v.S("data"), Convert.ToHexStringLower(b, d.DataOffset, d.DataLength));
    }

    [Fact]
    public void IoDevctl_GoldenFields_EncodeHeaderOnly()
    {
        GoldenVector v = GoldenVectors.IoDevctl;
        var d = new IoDevctl { Dcmd = (int)v.N("dcmd"), Nbytes = (uint)v.N("nbytes") };
        Encodes(v.Name, v.Bytes.AsSpan(0, IoDevctl.Size).ToArray(), d.Encode);
    }

    [Fact]
    public void IoDevctlReply_Golden_DecodesEncodesAndRoundTrips()
    {
        GoldenVector v = GoldenVectors.IoDevctlReply;
        var r = new IoDevctlReply();
        Assert.Equal(DecodeError.None, r.Decode(Embedded(v.Bytes, 0), Margin, v.Bytes.Length));
        Field(v, "zero", r.Zero);
        Field(v, "ret_val", r.RetVal);
        Field(v, "nbytes", r.Nbytes);
        Field(v, "zero2", r.Zero2);
        byte[] header = v.Bytes.AsSpan(0, IoDevctl.ReplySize).ToArray();
        Encodes(v.Name, header, r.Encode);
        Encodes(v.Name, header, (b, o) => IoDevctl.EncodeReply(b, o, (int)v.N("ret_val"), (uint)v.N("nbytes")));
    }

    // ------------------------------------------------------------------ dirent records
    [Fact]
    public void Dirent_GoldenRecords_DecodeOneAfterTheOther()
    {
        GoldenVector v = GoldenVectors.Dirents;
        byte[] b = Embedded(v.Bytes, 0);
        var d = new Dirent();
        int o = Margin;
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(DecodeError.None, d.Decode(b, o, b.Length - o));
            Field(v, $"[{i}].d_ino", d.Ino);
            Field(v, $"[{i}].d_offset", d.Offset);
            Field(v, $"[{i}].d_reclen", d.Reclen);
            Field(v, $"[{i}].d_namelen", d.Namelen);
            Assert.Equal(o + 20, d.NameOffset);
            Assert.Equal(v.S($"[{i}].d_name"), Encoding.UTF8.GetString(b, d.NameOffset, d.Namelen));
            o += d.Reclen;
        }

        Assert.Equal(b.Length, o);
    }

    [Fact]
    public void Dirent_GoldenFields_EncodePaddedToEight()
    {
        GoldenVector v = GoldenVectors.Dirents;
        Encodes(v.Name, v.Bytes, (b, o) =>
        {
            int n = 0;
            for (int i = 0; i < 2; i++)
            {
                byte[] name = Encoding.UTF8.GetBytes(v.S($"[{i}].d_name"));
                n += Dirent.Encode(b, o + n, (ulong)v.N($"[{i}].d_ino"), (long)v.N($"[{i}].d_offset"), name, 0, name.Length);
            }

            return n;
        });
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(3, 24)]
    [InlineData(4, 32)]
    [InlineData(11, 32)]
    [InlineData(12, 40)]
    public void Dirent_RecordSize_IsNamePlusNulPaddedToEight(int nameLength, int expected)
    {
        Assert.Equal(expected, Dirent.RecordSize(nameLength));
    }

    // ------------------------------------------------------------------ combine message
    [Fact]
    public void CombineMessage_LseekPlusReadGolden_SplitsIntoTwoParts()
    {
        GoldenVector v = GoldenVectors.CombineLseekRead;
        byte[] b = Embedded(v.Bytes, 0);
        var c = new CombineMessage();
        Assert.Equal(DecodeError.None, c.Parse(b, Margin, v.Bytes.Length));
        Assert.Equal(2, c.PartCount);
        Assert.Equal(Margin, c.PartOffset[0]);
        Assert.Equal(16, c.PartLength[0]);
        Assert.Equal(IoMessageType.Lseek, c.PartType[0]);
        Assert.Equal(Margin + 16, c.PartOffset[1]);
        Assert.Equal(16, c.PartLength[1]);
        Assert.Equal(IoMessageType.Read, c.PartType[1]);

        var l = new IoLseek();
        Assert.Equal(DecodeError.None, l.Decode(b, c.PartOffset[0], c.PartLength[0]));
        Field(v, "[0].combine_len", l.CombineLen);
        Field(v, "[0].whence", l.Whence);
        Field(v, "[0].offset", l.Offset);
        var r = new IoRead();
        Assert.Equal(DecodeError.None, r.Decode(b, c.PartOffset[1], c.PartLength[1]));
        Field(v, "[1].combine_len", r.CombineLen);
        Field(v, "[1].nbytes", r.Nbytes);
        Field(v, "[1].xtype", r.Xtype);
    }

    [Fact]
    public void CombineMessage_LseekPlusReadGoldenFields_EncodeWithCombineFlag()
    {
        GoldenVector v = GoldenVectors.CombineLseekRead;
        Encodes(v.Name, v.Bytes, (b, o) =>
        {
            var l = new IoLseek { CombineLen = (ushort)(IoLseek.Size | IoMessageType.CombineFlag), Offset = (long)v.N("[0].offset") };
            int n = l.Encode(b, o);
            var r = new IoRead { Nbytes = (uint)v.N("[1].nbytes") };
            return n + r.Encode(b, o + n);
        });
    }

    // ------------------------------------------------------------------ _cred_info, _client_info
    [Fact]
    public void CredInfo_Golden_DecodesEncodesAndRoundTrips()
    {
        GoldenVector v = GoldenVectors.CredInfo;
        Assert.Equal(CredInfo.Size, v.Bytes.Length);
        var c = new CredInfo();
        Assert.Equal(DecodeError.None, c.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Cred(v, "", c);
        Encodes(v.Name, v.Bytes, c.Encode);
        var fresh = new CredInfo();
        FillCred(v, "", fresh);
        Encodes(v.Name, v.Bytes, fresh.Encode);
    }

    [Fact]
    public void ClientInfo_Golden_DecodesEncodesAndRoundTrips()
    {
        GoldenVector v = GoldenVectors.ClientInfo;
        Assert.Equal(ClientInfo.Size, v.Bytes.Length);
        var c = new ClientInfo();
        Assert.Equal(DecodeError.None, c.Decode(Embedded(v.Bytes), Margin, v.Bytes.Length));
        Field(v, "nd", c.Nd);
        Field(v, "pid", c.Pid);
        Field(v, "sid", c.Sid);
        Field(v, "flags", c.Flags);
        Cred(v, "cred.", c.Cred);
        Encodes(v.Name, v.Bytes, c.Encode);
        var fresh = new ClientInfo { Nd = (uint)v.N("nd"), Pid = (int)v.N("pid"), Sid = (int)v.N("sid"), Flags = (uint)v.N("flags") };
        FillCred(v, "cred.", fresh.Cred);
        Encodes(v.Name, v.Bytes, fresh.Encode);
    }

    [Fact]
    public void CredInfo_GroupsPastNgroups_AreEncodedAsZero()
    {
        GoldenVector v = GoldenVectors.ClientInfo;
        var c = new ClientInfo { Nd = (uint)v.N("nd"), Pid = (int)v.N("pid"), Sid = (int)v.N("sid"), Flags = (uint)v.N("flags") };
        FillCred(v, "cred.", c.Cred);
        for (int i = 2; i < CredInfo.MaxGroups; i++)
        {
            c.Cred.Grouplist[i] = 0x5A5A + i;
        }

        Encodes(v.Name, v.Bytes, c.Encode);
    }
}
