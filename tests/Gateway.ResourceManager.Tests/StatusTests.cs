using System.Linq;
using System.Text.Json;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager.Introspection;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>/fw/status (board-resources.md, issue 4 item 4): JSON counts that prove refusals changed nothing.</summary>
public sealed class StatusTests
{
    private readonly RmHarness h = new RmHarness().WithProcesses();

    private sealed class FakeLink : IStatusSource
    {
        public string Name => "link";

        public void WriteStatus(JsonWriter json)
        {
            json.BeginObject();
            json.Property("frames_in", 12);
            json.Property("note", "a \"quoted\" \\ value");
            json.EndObject();
        }
    }

    private JsonDocument ReadStatus(int fd, uint chunk = 100000)
    {
        Assert.False(h.Open(2, fd, "fw/status", OpenFlags.ReadOnly).IsError);
        var bytes = new System.Collections.Generic.List<byte>();
        while (true)
        {
            var r = h.Send(0, 2, fd, Read(chunk));
            Assert.False(r.IsError, r.ToString());
            if (r.Value == 0) break;
            bytes.AddRange(r.Body);
        }

        h.CloseFd(2, fd);
        return JsonDocument.Parse(bytes.ToArray());
    }

    private static JsonElement File(JsonDocument d, string path) =>
        d.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == path);

    [Fact]
    public void Status_IsValidJson_ListsEveryFileButItself()
    {
        h.Status.AddSource(new FakeLink());
        using var d = ReadStatus(3);
        var paths = d.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("/dev/gpio/bank0", paths);
        Assert.Contains("/data/app", paths);
        Assert.DoesNotContain("/fw/status", paths);
        Assert.Equal(12, d.RootElement.GetProperty("link").GetProperty("frames_in").GetInt32());
        Assert.Equal("a \"quoted\" \\ value", d.RootElement.GetProperty("link").GetProperty("note").GetString());
    }

    [Fact]
    public void Status_CountsFollowOpensAndMappings()
    {
        Assert.False(h.Open(2, 3, "data/app", OpenFlags.ReadWrite).IsError);
        Assert.False(h.MapFor(2, 3, Prot.Read | Prot.Write, Prot.Read | Prot.Write).IsError);
        using var d = ReadStatus(4);
        var f = File(d, "/data/app");
        Assert.Equal(2, f.GetProperty("open").GetInt32());
        Assert.Equal(2, f.GetProperty("read").GetInt32());
        Assert.Equal(2, f.GetProperty("write").GetInt32());
        Assert.Equal(1, f.GetProperty("mapping_ocbs").GetInt32());
        Assert.Equal(0, f.GetProperty("exec_locks").GetInt32());
    }

    [Fact]
    public void Status_ReadInPieces_ContinuesOneSnapshot()
    {
        // A read at offset 0 takes the snapshot; later reads of the same OCB continue it even if counts move.
        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        var first = h.Send(0, 2, 3, Read(64));
        Assert.False(h.Open(2, 9, "data/app", OpenFlags.ReadOnly).IsError);
        var rest = new System.Collections.Generic.List<byte>(first.Body);
        while (true)
        {
            var r = h.Send(0, 2, 3, Read(64));
            if (r.Value == 0) break;
            rest.AddRange(r.Body);
        }

        using var d = JsonDocument.Parse(rest.ToArray());
        Assert.Equal(0, File(d, "/data/app").GetProperty("open").GetInt32());
    }

    [Fact]
    public void Status_OpenForWrite_IsErofs_MmapIsEnosys()
    {
        Assert.Equal(Errno.EROFS, h.Open(2, 3, "fw/status", OpenFlags.ReadWrite).Errno);
        Assert.Equal(0, h.Declare(0, 5, Cred(0, 0)));
        Assert.False(h.Open(5, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        Assert.Equal(Errno.ENOSYS, h.MapFor(5, 3, Prot.Read, Prot.Read).Errno);
    }

    [Fact]
    public void Status_SnapshotPoolExhausted_OpenIsEnfile()
    {
        var g = new RmHarness(new RmConfig { StatusSnapshots = 1 }).WithProcesses();
        Assert.False(g.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        g.AssertRefusedWithoutEffect(Errno.ENFILE, () => g.Open(2, 4, "fw/status", OpenFlags.ReadOnly));
        g.CloseFd(2, 3);
        Assert.False(g.Open(2, 4, "fw/status", OpenFlags.ReadOnly).IsError);
    }
}

/// <summary>A snapshot buffer too small for every file: the JSON stays valid and says it was truncated.</summary>
public sealed class StatusTruncationTests
{
    [Fact]
    public void Status_SnapshotTooSmallForAllFiles_StaysValidJsonAndSaysTruncated()
    {
        var h = new RmHarness(new RmConfig { StatusSnapshotBytes = 1200 }).WithProcesses();
        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        var r = h.Send(0, 2, 3, Read(100000));
        using var doc = System.Text.Json.JsonDocument.Parse(r.Body);
        Assert.True(doc.RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("files").GetArrayLength() > 0);
    }
}
