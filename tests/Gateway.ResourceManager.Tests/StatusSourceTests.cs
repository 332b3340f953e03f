using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager.Introspection;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.ResourceManager.Tests;

/// <summary>
/// The sources /fw/status reports (resource-manager.md, "/fw/status"): at most eight, each under a name of its own,
/// added under the handler's lock so a snapshot taken while one is added holds it whole or not at all.
/// </summary>
public sealed class StatusSourceTests
{
    private readonly RmHarness h = new RmHarness().WithProcesses();

    private sealed class NumberedSource(string name, int number) : IStatusSource
    {
        public string Name => name;

        public void WriteStatus(JsonWriter json)
        {
            json.BeginObject();
            json.Property("number", number);
            json.EndObject();
        }
    }

    /// <summary>The names of the sources in one fresh snapshot, in document order, after checking each one's object.</summary>
    private List<string> SourcesInSnapshot(int fd)
    {
        var r = h.Send(0, 2, fd, Read(100000, 0));
        Assert.False(r.IsError, r.ToString());
        using var doc = JsonDocument.Parse(r.Body);
        var names = new List<string>();
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            if (p.Name.StartsWith("source", StringComparison.Ordinal))
            {
                Assert.Equal(names.Count, p.Value.GetProperty("number").GetInt32());
                names.Add(p.Name);
            }
        }

        return names;
    }

    private static string NameOf(int i) => "source" + i;

    [Fact]
    public void AddSource_EightSources_AreReportedInTheOrderAdded()
    {
        for (int i = 0; i < StatusResource.MaxSources; i++)
        {
            h.Status.AddSource(new NumberedSource(NameOf(i), i));
        }

        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        Assert.Equal(new[] { "source0", "source1", "source2", "source3", "source4", "source5", "source6", "source7" }, SourcesInSnapshot(3));
    }

    [Fact]
    public void AddSource_PastEight_IsRefusedAndTheEightStay()
    {
        Assert.Equal(8, StatusResource.MaxSources);
        for (int i = 0; i < StatusResource.MaxSources; i++)
        {
            h.Status.AddSource(new NumberedSource(NameOf(i), i));
        }

        Assert.Throws<InvalidOperationException>(() => h.Status.AddSource(new NumberedSource("ninth", 8)));

        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        Assert.Equal(StatusResource.MaxSources, SourcesInSnapshot(3).Count);
    }

    [Fact]
    public void AddSource_NullNamelessOrDuplicate_IsArgumentException()
    {
        h.Status.AddSource(new NumberedSource("source0", 0));

        Assert.Throws<ArgumentNullException>(() => h.Status.AddSource(null!));
        Assert.Throws<ArgumentException>(() => h.Status.AddSource(new NumberedSource(null!, 1)));
        Assert.Throws<ArgumentException>(() => h.Status.AddSource(new NumberedSource("", 1)));
        Assert.Throws<ArgumentException>(() => h.Status.AddSource(new NumberedSource("source0", 1)));

        // None of the refused ones took a place: seven more still fit.
        for (int i = 1; i < StatusResource.MaxSources; i++)
        {
            h.Status.AddSource(new NumberedSource(NameOf(i), i));
        }
    }

    [Fact]
    public void AddSource_WhileAnotherThreadReadsStatus_EverySnapshotHoldsTheSourcesAddedSoFar()
    {
        Assert.False(h.Open(2, 3, "fw/status", OpenFlags.ReadOnly).IsError);
        var seen = new List<int>();
        Exception? failure = null;
        using var done = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            try
            {
                int count;
                do
                {
                    List<string> names = SourcesInSnapshot(3);
                    count = names.Count;
                    for (int i = 0; i < count; i++)
                    {
                        Assert.Equal(NameOf(i), names[i]);
                    }

                    seen.Add(count);
                }
                while (count < StatusResource.MaxSources);
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                done.Set();
            }
        });

        reader.Start();
        for (int i = 0; i < StatusResource.MaxSources; i++)
        {
            h.Status.AddSource(new NumberedSource(NameOf(i), i));
            Thread.Sleep(1);
        }

        Assert.True(done.Wait(TimeSpan.FromSeconds(30)), "the reader never saw all eight sources");
        reader.Join();
        Assert.Null(failure);
        for (int i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i] >= seen[i - 1], "a snapshot lost a source");
        }
    }
}
