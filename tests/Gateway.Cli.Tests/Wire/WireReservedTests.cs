using System;
using System.Text.Json.Nodes;
using Gateway.Protocol.Tests.Qnx;

namespace Gateway.Cli.Tests.Wire;

/// <summary>Reserved fields: decode shows them whatever they hold; encode writes them as given (0 when absent).</summary>
public sealed class WireReservedTests
{
    private static string Patch(string hex, int offset, string bytes)
    {
        return hex.Substring(0, 2 * offset) + bytes + hex.Substring((2 * offset) + bytes.Length);
    }

    [Fact]
    public void WireDecode_NonZeroReservedWords_ShowsAndRoundTripsThem()
    {
        string hex = Patch(GoldenVectors.IoMmap.Hex, 68, "efbeadde");
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "mmap-request", hex);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("3735928559", CliRun.At(r.Json(), "zero[0]").GetRawText());
        CliResult back = CliRun.InProcess("wire", "encode", "--type", "mmap-request", r.Out);
        Assert.Equal(hex + Environment.NewLine, back.Out);
    }

    [Fact]
    public void WireDecode_ExtReplyUnionTailNonZero_PrintsStatTailAndRoundTrips()
    {
        string hex = Patch(GoldenVectors.IoMmapReplyExtT32_2001.Hex, 64 + 72 + 5, "5a");
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "mmap-reply-ext", hex);
        Assert.Equal(0, r.ExitCode);
        string tail = CliRun.At(r.Json(), "extended.stat_tail").GetString()!;
        Assert.Equal(96, tail.Length);
        Assert.Equal("00000000005a", tail.Substring(0, 12));
        Assert.Equal(hex + Environment.NewLine, CliRun.InProcess("wire", "encode", "--type", "mmap-reply-ext", r.Out).Out);
    }

    [Fact]
    public void WireDecode_ExtReplyWithoutForm_PrintsNullStatAndTheUnionAsTail()
    {
        // /quirks/noext: USE_EXTENDED clear, junk in the stat union.
        string hex = Patch(GoldenVectors.IoMmapReplyExtT64_2008.Hex, 24, "02000000");
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "mmap-reply-ext", hex);
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonNode json = JsonNode.Parse(r.Out)!;
        Assert.Null(json["extended"]!["stat"]);
        Assert.Equal(240, json["extended"]!["stat_tail"]!.GetValue<string>().Length);
        Assert.Equal(hex + Environment.NewLine, CliRun.InProcess("wire", "encode", "--type", "mmap-reply-ext", r.Out).Out);
    }

    [Fact]
    public void WireEncode_CredGroupsPastNgroups_AreWrittenAsGiven()
    {
        string hex = Patch(GoldenVectors.ClientInfo.Hex, 16 + 28 + 8, "07000000");
        CliResult r = CliRun.InProcess("wire", "decode", "--type", "client-info", hex);
        Assert.Equal("7", CliRun.At(r.Json(), "cred.grouplist[2]").GetRawText());
        Assert.Equal(hex + Environment.NewLine, CliRun.InProcess("wire", "encode", "--type", "client-info", r.Out).Out);
    }

    [Fact]
    public void WireRoundTrip_MutatedFixedStructs_EncodeWhatDecodePrinted()
    {
        // Any bytes a fixed-size decoder accepts come back unchanged from encode(decode(x)).
        var rng = new Random(7);
        foreach (GoldenVector v in new[]
        {
            GoldenVectors.IoMmap, GoldenVectors.IoMmapReply, GoldenVectors.IoMmapReplyExtT32_2008, GoldenVectors.MsgInfo32,
            GoldenVectors.IoLseek, GoldenVectors.IoReadOffset, GoldenVectors.IoDevctl, GoldenVectors.CredInfo, GoldenVectors.StatT64_2008,
        })
        {
            for (int i = 0; i < 25; i++)
            {
                byte[] b = v.Bytes;
                int from = v.WireType is "mmap-reply" or "mmap-reply-ext" or "msg-info32" or "cred-info" or "stat" ? 0 : 2;
                int pos = rng.Next(from, b.Length);
                b[pos] = (byte)rng.Next(256);
                string hex = Convert.ToHexStringLower(b);
                string[] decodeArgs = WireGoldenTests.Args("decode", v, hex);
                CliResult d = CliRun.InProcess(decodeArgs);
                if (d.ExitCode != 0)
                {
                    Assert.Equal(2, d.ExitCode);
                    continue;
                }

                CliResult e = CliRun.InProcess(WireGoldenTests.Args("encode", v, d.Out));
                Assert.True(hex + Environment.NewLine == e.Out, $"{v.Name} byte {pos}: {hex} came back as {e.Out} {e.Error}");
            }
        }
    }
}
