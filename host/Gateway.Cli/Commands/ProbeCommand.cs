using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gateway.Cli.Board;
using Gateway.Cli.Output;
using Gateway.Host.Link;
using Gateway.Host.Targets;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Spectre.Console;

namespace Gateway.Cli.Commands;

/// <summary><c>gateway probe</c>: the handshake facts of a board and its <c>/fw/info</c>.</summary>
public static class ProbeCommand
{
    private const string InfoPath = "/fw/info";

    public static Command Create(CliConsole console)
    {
        var options = new BoardOptions();
        var command = new Command("probe", "Connect to the board and print what it said in the handshake (name, model, firmware, boot id, frame body, window, features, session slot) and its /fw/info.");
        options.AddTo(command);
        command.SetAction((parse, cancellation) => BoardRunner.RunAsync(console, "probe", () => options.Read(parse), RunAsync, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BoardContext context)
    {
        BoardInfo board = context.Session.Board;
        int fd = await context.OpenAsync(InfoPath, OpenFlags.ReadOnly).ConfigureAwait(false);
        byte[] info = await context.ReadToEndAsync(fd, InfoPath).ConfigureAwait(false);
        await context.Client.CloseAsync(fd).ConfigureAwait(false);
        JsonNode? infoJson = ParseJson(info);

        CliOutput output = context.Output;
        if (output.Json)
        {
            output.WriteJson(new JsonObject
            {
                ["target"] = context.Settings.Target,
                ["board"] = BoardJson(board),
                ["info"] = infoJson ?? JsonValue.Create(Encoding.UTF8.GetString(info)),
            });
            return (int)ExitCode.Ok;
        }

        if (output.Quiet)
        {
            return (int)ExitCode.Ok;
        }

        // emu: is reached without the link: its facts are the board's own link configuration, not a handshake.
        string title = context.Session is EmulatedSession
            ? $"board {context.Settings.Target} (in process, no link: what its handshake would say)"
            : $"handshake with {context.Settings.Target}";
        Table handshake = CliOutput.Table(title, "fact", "value");
        CliOutput.Row(handshake, "board name", board.Name);
        CliOutput.Row(handshake, "model", board.Model);
        CliOutput.Row(handshake, "firmware", board.FirmwareVersion);
        CliOutput.Row(handshake, "boot id", board.BootIdHex);
        CliOutput.Row(handshake, "max frame body", $"{board.MaxBody} bytes");
        CliOutput.Row(handshake, "window", $"{board.Window} requests in flight");
        CliOutput.Row(handshake, "features", $"{QnxText.Hex(board.Features)} {string.Join('|', FeatureNames(board.Features))}");
        CliOutput.Row(handshake, "session timeout", $"{board.SessionTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
        CliOutput.Row(handshake, "session slot", board.SessionSlot.ToString(CultureInfo.InvariantCulture));
        output.Write(handshake);

        Table fw = CliOutput.Table(InfoPath, "key", "value");
        if (infoJson is JsonObject obj)
        {
            foreach ((string key, string value) in Flatten(obj, ""))
            {
                CliOutput.Row(fw, key, value);
            }
        }
        else
        {
            CliOutput.Row(fw, "text", Encoding.UTF8.GetString(info));
        }

        output.Write(fw);
        return (int)ExitCode.Ok;
    }

    private static JsonObject BoardJson(BoardInfo board)
    {
        var features = new JsonArray();
        foreach (string name in FeatureNames(board.Features))
        {
            features.Add(name);
        }

        return new JsonObject
        {
            ["name"] = board.Name,
            ["model"] = board.Model,
            ["firmware"] = board.FirmwareVersion,
            ["boot_id"] = board.BootIdHex,
            ["max_body"] = board.MaxBody,
            ["window"] = board.Window,
            ["features"] = board.Features,
            ["features_names"] = features,
            ["session_timeout_ms"] = (long)board.SessionTimeout.TotalMilliseconds,
            ["session_slot"] = board.SessionSlot,
        };
    }

    private static IEnumerable<string> FeatureNames(uint features)
    {
        if ((features & LinkFeatures.Events) != 0)
        {
            yield return "EVENTS";
        }

        uint rest = features & ~LinkFeatures.Known;
        if (rest != 0)
        {
            yield return QnxText.Hex(rest);
        }
    }

    /// <summary>The JSON text the board served, or null when it is not JSON.</summary>
    internal static JsonNode? ParseJson(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Leaves of a JSON object as (dotted key, value text), for a two-column table.</summary>
    private static IEnumerable<(string Key, string Value)> Flatten(JsonObject obj, string prefix)
    {
        foreach (KeyValuePair<string, JsonNode?> p in obj)
        {
            string key = prefix + p.Key;
            if (p.Value is JsonObject child)
            {
                foreach ((string Key, string Value) leaf in Flatten(child, key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (key, p.Value is JsonValue v && v.TryGetValue(out string? s) ? s : p.Value?.ToJsonString() ?? "null");
            }
        }
    }
}
