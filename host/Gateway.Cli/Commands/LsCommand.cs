using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Memory;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;
using Spectre.Console;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway ls PATH</c>: a directory's entries as <c>_IO_READ</c> returns them (<c>struct dirent</c> records,
/// RM-2b), each with its stat by path; a path that is not a directory lists itself.
/// </summary>
public static class LsCommand
{
    /// <summary>One listed entry: the dirent (null for a path that is not a directory) and its stat.</summary>
    private sealed record Entry(string Name, string Path, ulong? Ino, long? NextOffset, PathStat Stat);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = BoardPath.Create("The board path to list (absolute).", "/");
        var command = new Command("ls", "List a directory: readdir through _IO_READ (struct dirent records), each entry with its type, mode, uid:gid and size from a stat by path.")
        {
            path,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "ls",
            () => options.Read(parse),
            context => RunAsync(context, parse.GetValue(path)!),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BoardContext context, string path)
    {
        string where = BoardContext.Absolute(path);
        PathStat self = await context.StatPathAsync(path).ConfigureAwait(false);
        if (self.Errno != 0)
        {
            throw CommandException.FromErrno($"stat {where}", self.Errno);
        }

        var entries = new List<Entry>();
        bool directory = self.Stat != null && FileMode.IsDir(self.Stat.Mode);
        if (directory)
        {
            foreach ((string name, ulong ino, long next) in await ReadDirectoryAsync(context, path).ConfigureAwait(false))
            {
                string child = where.TrimEnd('/') + "/" + name;
                entries.Add(new Entry(name, child, ino, next, await context.StatPathAsync(child).ConfigureAwait(false)));
            }
        }
        else
        {
            entries.Add(new Entry(where, where, null, null, self));
        }

        CliOutput output = context.Output;
        if (output.Json)
        {
            var list = new JsonArray();
            foreach (Entry e in entries)
            {
                list.Add(EntryJson(e));
            }

            output.WriteJson(new JsonObject { ["path"] = where, ["directory"] = directory, ["entries"] = list });
        }
        else if (output.Quiet)
        {
            foreach (Entry e in entries)
            {
                output.WriteLine(e.Name);
            }
        }
        else
        {
            Table table = CliOutput.Table(where, "type", "mode", "uid:gid", "size", "name");
            table.Columns[3].RightAligned();
            foreach (Entry e in entries)
            {
                Stat? st = e.Stat.Stat;
                if (st == null)
                {
                    string why = e.Stat.Errno != 0 ? QnxText.Errno(e.Stat.Errno) : $"stat body of {e.Stat.Body.Length} bytes";
                    CliOutput.Row(table, "?", "?", "?", "?", $"{e.Name} ({why})");
                }
                else
                {
                    CliOutput.Row(table, QnxText.FileType(st.Mode), QnxText.Permissions(st.Mode), $"{st.Uid}:{st.Gid}", st.Size.ToString(CultureInfo.InvariantCulture), e.Name);
                }
            }

            output.Write(table);
        }

        return (int)ExitCode.Ok;
    }

    /// <summary>Reads the directory to its end: whole dirent records per read, until a read returns nothing.</summary>
    private static async Task<List<(string Name, ulong Ino, long Next)>> ReadDirectoryAsync(BoardContext context, string path)
    {
        string where = BoardContext.Absolute(path);
        int fd = await context.OpenAsync(path, OpenFlags.ReadOnly).ConfigureAwait(false);
        var names = new List<(string, ulong, long)>();
        while (true)
        {
            (QnxResult r, byte[] data) = await context.Client.ReadAsync(fd, context.MaxRead).ConfigureAwait(false);
            if (!r.Ok)
            {
                throw CommandException.FromErrno($"read {where}", r.Errno);
            }

            if (data.Length == 0)
            {
                break;
            }

            int o = 0;
            while (o < data.Length)
            {
                var d = new Dirent();
                DecodeError e = d.Decode(data, o, data.Length - o);
                if (e != DecodeError.None)
                {
                    throw new CommandException(ExitCode.Failure, $"read {where}: a malformed struct dirent at byte {o} of the reply: {DecodeErrors.Describe(e)}");
                }

                names.Add((Encoding.UTF8.GetString(data, d.NameOffset, d.Namelen), d.Ino, d.Offset));
                o += d.Reclen;
            }
        }

        await context.Client.CloseAsync(fd).ConfigureAwait(false);
        return names;
    }

    private static JsonObject EntryJson(Entry e)
    {
        var json = new JsonObject
        {
            ["name"] = e.Name,
            ["path"] = e.Path,
            ["d_ino"] = e.Ino,
            ["d_offset"] = e.NextOffset,
        };
        Stat? st = e.Stat.Stat;
        if (st == null)
        {
            if (e.Stat.Errno != 0)
            {
                json["errno"] = e.Stat.Errno;
                json["errno_name"] = Protocol.Qnx.Errno.Name(e.Stat.Errno);
            }
            else
            {
                json["stat_bytes"] = e.Stat.Body.Length;
            }

            return json;
        }

        json["type"] = QnxText.FileType(st.Mode);
        json["mode"] = st.Mode;
        json["permissions"] = QnxText.Permissions(st.Mode);
        json["uid"] = st.Uid;
        json["gid"] = st.Gid;
        json["size"] = st.Size;
        json["st_ino"] = st.Ino;
        return json;
    }
}
