using System;
using System.CommandLine;
using Gateway.Host.Targets;

namespace Gateway.Cli.Commands;

/// <summary>
/// The options every command that talks to a board shares: <c>--target URI</c>, <c>--key-file FILE</c>
/// (or <c>GATEWAY_KEY_FILE</c>) and <c>--dev-key</c>. Targets come from <see cref="TargetRegistry"/>, as for every board command.
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
        DevKey = new Option<bool>("--dev-key")
        {
            Description = "Use the public development key (as ?key=dev in the URI does), for a board that gateway emulate serves; a board that does not announce itself as emulated is refused.",
        };
    }

    public Option<string> Target { get; }

    public Option<string?> KeyFile { get; }

    public Option<bool> DevKey { get; }

    public void AddTo(Command command)
    {
        command.Add(Target);
        command.Add(KeyFile);
        command.Add(DevKey);
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
        return TargetRegistry.Create(uri, new TargetSettings { KeyFile = keyFile, DevelopmentKey = parse.GetValue(DevKey), Log = log, Verbose = verbose });
    }
}
