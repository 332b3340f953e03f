using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Memory;
using Gateway.Host.Wire;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Spectre.Console;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway mmap PATH</c>: the memory manager's mmap() of a path as the client process, and everything the
/// board said: the request sent, the reply decoded by C member names (with the flag names), the stat, and what
/// the memory manager concluded (address, MM-3 retry, where the stat came from, non-conformance).
/// </summary>
public static class MmapCommand
{
    private sealed record MmapArguments(string Path, uint Prot, uint Flags, long Offset, ulong? Length);

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var path = BoardPath.Create("The board path, e.g. /dev/gpio/bank0.");
        var prot = new Option<string>("--prot", "-p")
        {
            Description = "The client's prot: letters r, w, x and n (PROT_NOCACHE), e.g. r, rw, rx; or none.",
            HelpName = "PROT",
            DefaultValueFactory = _ => "r",
        };
        var flags = new Option<string>("--flags")
        {
            Description = "The map type: shared (MAP_SHARED) or private (MAP_PRIVATE).",
            HelpName = "TYPE",
            DefaultValueFactory = _ => "shared",
        };
        flags.AcceptOnlyFromAmong("shared", "private");
        var offset = new Option<string>("--offset")
        {
            Description = "The offset into the object (decimal, or hex with 0x); /dev/mem offsets are physical addresses.",
            HelpName = "N",
            DefaultValueFactory = _ => "0",
        };
        var length = new Option<string?>("--length")
        {
            Description = "The length to map. Default: st_size − offset from a stat by path, or one page when that is not positive.",
            HelpName = "N",
        };
        var command = new Command("mmap", "Map a path as the memory manager does (one _IO_MMAP on a fresh coid) and print the decoded reply: fields, extended.flags with their names, the stat, and the memory manager's conclusion. Exit 1 with the errno when refused.")
        {
            path, prot, flags, offset, length,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(
            console,
            "mmap",
            () => options.Read(parse),
            () => new MmapArguments(
                parse.GetValue(path)!,
                QnxText.ParseProt(parse.GetValue(prot)!, "--prot"),
                parse.GetValue(flags) == "private" ? MapFlags.Private : MapFlags.Shared,
                ParseOffset(parse.GetValue(offset)!),
                parse.GetValue(length) is { } l ? QnxText.ParseNumber(l, "--length") : null),
            RunAsync,
            cancellation));
        return command;
    }

    private static long ParseOffset(string text)
    {
        ulong offset = QnxText.ParseNumber(text, "--offset");
        return offset <= long.MaxValue ? (long)offset : throw CommandException.Usage($"--offset: {text} does not fit an off_t");
    }

    private static async Task<int> RunAsync(BoardContext context, MmapArguments arguments)
    {
        (string path, uint prot, uint flags, long offset, ulong? length) = arguments;
        string where = BoardContext.Absolute(path);
        ulong len = length ?? await DefaultLengthAsync(context, path, offset).ConfigureAwait(false);
        bool shared = flags == MapFlags.Shared;
        uint oflag = shared && (prot & Prot.Write) != 0 ? OpenFlags.ReadWrite : OpenFlags.ReadOnly;
        int fd = await context.OpenAsync(path, oflag).ConfigureAwait(false);
        MmapResult result = await context.Client.MmapAsync(0, len, prot, flags, fd, offset).ConfigureAwait(false);

        var view = new MmapView(where, fd, prot, flags, offset, len, result);
        CliOutput output = context.Output;
        if (output.Json)
        {
            output.WriteJson(view.ToJson());
        }
        else if (!output.Quiet)
        {
            view.Write(output);
        }

        return result.Ok
            ? (int)ExitCode.Ok
            : output.Console.Fail("mmap", $"mmap {where}: {QnxText.Errno(result.Errno)}" + (result.NonConformance != null ? $" ({result.NonConformance})" : ""), ExitCode.Failure);
    }

    /// <summary>st_size − offset from a stat by path; one page when that is not positive or the stat fails.</summary>
    private static async Task<ulong> DefaultLengthAsync(BoardContext context, string path, long offset)
    {
        PathStat stat = await context.StatPathAsync(path).ConfigureAwait(false);
        long size = stat.Stat?.Size ?? 0;
        return size > offset ? (ulong)(size - offset) : MemoryManager.PageSize;
    }

    /// <summary>The result decoded for printing; the JSON and the tables show the same facts.</summary>
    private sealed class MmapView(string path, int fd, uint prot, uint flags, long offset, ulong length, MmapResult result)
    {
        private bool Sent => result.RequestCoid != 0;


        public JsonObject ToJson()
        {
            (JsonObject? reply, string? decodeError) = DecodeReply();
            return new JsonObject
            {
                ["path"] = path,
                ["request"] = Sent ? RequestJson() : null,
                ["reply_bytes"] = result.ReplyBytes?.Length,
                ["reply_hex"] = result.ReplyBytes != null ? HexText.Format(result.ReplyBytes) : null,
                ["reply"] = reply,
                ["reply_decode_error"] = decodeError,
                ["stat"] = result.Stat != null ? PathStat.Fields(result.Stat, result.StatForm) : null,
                ["stat_form"] = result.Stat != null ? PathStat.FormName(result.StatForm) : null,
                ["result"] = ResultJson(),
            };
        }

        private JsonObject RequestJson() => new()
        {
            ["fd"] = fd,
            ["coid"] = result.RequestCoid,
            ["prot"] = result.SentProt,
            ["prot_names"] = Names(FlagNames.Prot(result.SentProt)),
            ["required_prot"] = result.SentRequiredProt,
            ["required_prot_names"] = Names(FlagNames.Prot(result.SentRequiredProt)),
            ["offset"] = offset,
            ["requested_len"] = length,
            ["flags"] = flags,
            ["flags_names"] = new JsonArray(flags == MapFlags.Shared ? "MAP_SHARED" : "MAP_PRIVATE"),
            ["client_prot"] = prot,
            ["client_prot_names"] = Names(FlagNames.Prot(prot)),
            ["retried"] = result.Retried,
        };

        private JsonObject ResultJson() => new()
        {
            ["errno"] = result.Errno,
            ["errno_name"] = result.Ok ? null : Errno.Name(result.Errno),
            ["address"] = result.Ok ? result.Address : null,
            ["returned_coid"] = result.ReturnedCoid != 0 ? result.ReturnedCoid : null,
            ["allowed_prot"] = result.Ok ? result.AllowedProt : null,
            ["allowed_prot_names"] = result.Ok ? Names(FlagNames.Prot(result.AllowedProt)) : null,
            ["retried"] = result.Retried,
            ["stat_source"] = result.Stat == null ? null : result.StatFromReply ? "reply" : "_IO_STAT",
            ["non_conformance"] = result.NonConformance,
        };

        /// <summary>The reply by C member paths (24-byte or 184-byte struct), or why it does not decode.</summary>
        private (JsonObject? Reply, string? Error) DecodeReply()
        {
            byte[]? bytes = result.ReplyBytes;
            WireType? type = bytes?.Length switch
            {
                IoMmapReply.Size => WireTypes.Find("mmap-reply"),
                IoMmapReplyExt.Size => WireTypes.Find("mmap-reply-ext"),
                _ => null,
            };
            if (bytes == null)
            {
                return (null, null);
            }

            if (type == null)
            {
                return (null, $"a reply of {bytes.Length} bytes is neither _io_mmap_reply (24) nor _io_mmap_reply_ext (184)");
            }

            try
            {
                return ((JsonObject)type.Decode(bytes, new WireOptions()), null);
            }
            catch (WireInputException e)
            {
                return (null, e.Message);
            }
        }

        public void Write(CliOutput output)
        {
            if (Sent)
            {
                Table request = CliOutput.Table($"mmap {path}: the _IO_MMAP sent", "member", "value", "meaning");
                CliOutput.Row(request, "info.coid (client fd)", fd.ToString(CultureInfo.InvariantCulture), $"from pid {BoardContext.ClientPid}");
                CliOutput.Row(request, "sent on coid", QnxText.Hex((uint)result.RequestCoid), "a fresh coid of the memory manager (pid 1)");
                CliOutput.Row(request, "prot", QnxText.Hex(result.SentProt), QnxText.ProtNames(result.SentProt));
                CliOutput.Row(request, "required_prot", QnxText.Hex(result.SentRequiredProt), QnxText.ProtNames(result.SentRequiredProt));
                CliOutput.Row(request, "offset", QnxText.Hex((ulong)offset), "");
                CliOutput.Row(request, "requested_len", length.ToString(CultureInfo.InvariantCulture), flags == MapFlags.Shared ? "MAP_SHARED" : "MAP_PRIVATE");
                output.Write(request);
            }

            (JsonObject? reply, string? decodeError) = DecodeReply();
            if (reply != null)
            {
                JsonNode? stat = null;
                if (reply["extended"] is JsonObject extended)
                {
                    stat = extended["stat"];
                    extended.Remove("stat");
                }

                output.Write(FieldTable.Create($"the reply ({result.ReplyBytes!.Length} bytes)", reply));
                if (stat is JsonObject statFields)
                {
                    output.Write(FieldTable.Create($"extended.stat (__stat_{PathStat.FormName(result.ReplyExt!.Form)})", statFields));
                }
            }
            else if (decodeError != null)
            {
                output.WriteLine($"the reply ({result.ReplyBytes!.Length} bytes) does not decode: {decodeError}");
                output.WriteLine(HexText.Format(result.ReplyBytes));
            }

            if (result.Stat != null && !result.StatFromReply)
            {
                output.Write(FieldTable.Create($"the stat from a separate _IO_STAT (__stat_{PathStat.FormName(result.StatForm)})", PathStat.Fields(result.Stat, result.StatForm)));
            }

            Table mm = CliOutput.Table("what the memory manager concluded", "fact", "value");
            CliOutput.Row(mm, "outcome", result.Ok ? $"mapped at {QnxText.Hex(result.Address)}" : QnxText.Errno(result.Errno));
            if (result.ReturnedCoid != 0)
            {
                CliOutput.Row(mm, "object coid", QnxText.Hex((uint)result.ReturnedCoid) + (result.ReturnedCoid != result.RequestCoid ? " (the board's mapping OCB, not the request's coid)" : ""));
            }

            if (result.Ok)
            {
                CliOutput.Row(mm, "allowed_prot taken", $"{QnxText.Hex(result.AllowedProt)} {QnxText.ProtNames(result.AllowedProt)}");
            }

            CliOutput.Row(mm, "retried without PROT_WRITE (MM-3)", result.Retried ? "yes" : "no");
            if (result.Stat != null)
            {
                CliOutput.Row(mm, "stat from", result.StatFromReply ? "the extended reply" : "a separate _IO_STAT (MM-5)");
            }

            if (result.NonConformance != null)
            {
                CliOutput.Row(mm, "non-conformance", result.NonConformance);
            }

            output.Write(mm);
        }

        private static JsonArray Names(IReadOnlyList<string> names)
        {
            var array = new JsonArray();
            foreach (string n in names)
            {
                array.Add(n);
            }

            return array;
        }
    }
}
