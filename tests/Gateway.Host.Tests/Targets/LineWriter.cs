using System;
using System.IO;
using System.Threading.Tasks;

namespace Gateway.Host.Tests.Targets;

/// <summary>A TextWriter that lets a test wait for a line.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly System.Collections.Concurrent.BlockingCollection<string> lines = new();
    private readonly System.Text.StringBuilder current = new();

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            lines.Add(current.ToString());
            current.Clear();
        }
        else
        {
            current.Append(value);
        }
    }

    public Task<string> WaitForAsync(string prefix) => Task.Run(() =>
    {
        while (lines.TryTake(out var line, TimeSpan.FromSeconds(20)))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new TimeoutException("no line starting with " + prefix);
    });
}
