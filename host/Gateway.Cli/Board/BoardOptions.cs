using System;
using System.CommandLine;
using System.Globalization;
using Gateway.Host.Link;
using Gateway.Host.Targets;
using Gateway.Protocol.Messages;

namespace Gateway.Cli.Board;

/// <summary>
/// The options every command that talks to a board takes (cli.md): the target URI, the key file, JSON or
/// quiet output, and the credentials of the client process the command acts as. One instance per command.
/// </summary>
internal sealed class BoardOptions
{
    public const string DefaultTarget = "emu:";

    private readonly Option<string> target = new("--target", "-T")
    {
        Description = TargetRegistry.Help,
        HelpName = "URI",
        DefaultValueFactory = _ => DefaultTarget,
    };

    private readonly Option<string?> keyFile = new("--key-file")
    {
        Description = $"The board's pre-shared key (file of bytes; one trailing newline is not part of it). Default: ${LinkKeyFile.EnvironmentVariable}; emu: and pty: fall back to the development key.",
        HelpName = "PATH",
    };

    private readonly Option<bool> json = new("--json")
    {
        Description = "Machine-readable output: JSON on standard output (keys are the C member names where a QNX struct is printed).",
    };

    private readonly Option<bool> quiet = new("--quiet", "-q")
    {
        Description = "No tables or notes: only the bare data a command exists to print (cat's bytes, peek's values, ls's names, watch's events); errors still go to standard error.",
    };

    private readonly Option<bool> verbose = new("--verbose", "-v")
    {
        Description = "Link diagnostics on standard error: the handshake, retransmits, event gaps, the session's end.",
    };

    private readonly Option<int> uid = new("--uid")
    {
        Description = "The user id of the client process the command acts as (real, effective and saved); 0 is root.",
        HelpName = "UID",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> gid = new("--gid")
    {
        Description = "The group id of the client process (real, effective and saved).",
        HelpName = "GID",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string?> groups = new("--groups")
    {
        Description = $"The supplementary groups of the client process, comma-separated (at most {CredInfo.MaxGroups}), e.g. 20,21.",
        HelpName = "GID,…",
    };

    public void AddTo(Command command)
    {
        command.Add(target);
        command.Add(keyFile);
        command.Add(json);
        command.Add(quiet);
        command.Add(verbose);
        command.Add(uid);
        command.Add(gid);
        command.Add(groups);
    }

    /// <summary>The settings parsed; throws <see cref="CommandException"/> (usage) for a malformed --groups.</summary>
    public BoardSettings Read(ParseResult parse)
    {
        return new BoardSettings(
            parse.GetValue(target) ?? DefaultTarget,
            parse.GetValue(keyFile),
            parse.GetValue(json),
            parse.GetValue(quiet),
            parse.GetValue(verbose),
            parse.GetValue(uid),
            parse.GetValue(gid),
            ParseGroups(parse.GetValue(groups)));
    }

    private static int[] ParseGroups(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Array.Empty<int>();
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > CredInfo.MaxGroups)
        {
            throw CommandException.Usage($"--groups: at most {CredInfo.MaxGroups} groups, got {parts.Length}");
        }

        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]))
            {
                throw CommandException.Usage($"--groups: '{parts[i]}' is not a group id");
            }
        }

        return result;
    }
}
