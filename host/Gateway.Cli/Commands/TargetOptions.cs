using System;
using System.CommandLine;
using Gateway.Host.Targets;

namespace Gateway.Cli.Commands;

/// <summary>
/// The options every command that talks to a board shares: <c>--target URI</c> and <c>--key-file FILE</c>
/// (or <c>GATEWAY_KEY_FILE</c>). Targets come from <see cref="TargetRegistry"/>, as for every board command.
/// </summary>
public sealed class TargetOptions
{
    public const string KeyFileVariable = "GATEWAY_KEY_FILE";

    public TargetOptions(string defaultTarget = "emu:")
    {
        Target = new Option<string>("--target", "-T")
        {
            Description = TargetRegistry.Help,
            HelpName = "URI",
            DefaultValueFactory = _ => defaultTarget,
        };
        KeyFile = new Option<string?>("--key-file")
        {
            Description = $"The board's pre-shared key (else ${KeyFileVariable}; emu: and pty: use the development key).",
            HelpName = "FILE",
        };
    }

    public Option<string> Target { get; }

    public Option<string?> KeyFile { get; }

    public void AddTo(Command command)
    {
        command.Add(Target);
        command.Add(KeyFile);
    }

    /// <summary>
    /// The target for the parsed options; throws <see cref="TargetException"/> (usage) for a bad URI or key file.
    /// <paramref name="log"/> hears the target's notices (a soak's fault seeds, board resets); <paramref name="verbose"/>
    /// adds every session's link events.
    /// </summary>
    public ITarget Create(ParseResult parse, Action<string>? log = null, bool verbose = false)
    {
        string uri = parse.GetValue(Target) ?? "emu:";
        string? keyFile = parse.GetValue(KeyFile);
        return TargetRegistry.Create(uri, new TargetSettings { KeyFile = keyFile, Log = log, Verbose = verbose });
    }
}
