using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Targets;

/// <summary>
/// The scheme registry: every scheme a target URI may name, the options each takes, and the one way a URI becomes a
/// board (<see cref="Create"/>). Every command that talks to a board — probe, ls, stat, cat, mmap, peek, poke, watch,
/// run, conform — goes through here, so a URI means the same to each: <c>emu:</c> is the emulated board in this
/// process without the link (<see cref="EmulatedTarget"/>); the others reach a board through the link
/// (<see cref="LinkTarget"/>).
/// </summary>
public static class TargetRegistry
{
    /// <summary>Every option a URI may carry, with the values it takes, as help and errors spell it.</summary>
    private static readonly (string Name, string Form)[] OptionForms =
    {
        ("bits", "bits=32|64"),
        ("quirks", "quirks=0|1"),
        ("faults", "faults=RATE"),
        ("seed", "seed=N"),
        ("reset-after", "reset-after=N"),
        ("baud", "baud=N"),
        ("flow", "flow=none|rtscts|xonxoff"),
    };

    /// <summary>The schemes, in the order help lists them.</summary>
    public static IReadOnlyList<TargetSchemeInfo> Schemes { get; } = new[]
    {
        new TargetSchemeInfo("emu", TargetScheme.Emulated, "emu:[?bits=32|64&quirks=0|1]",
            "the emulated board in this process, without the link (a simulated clock; a fresh board per session)",
            new[] { "bits", "quirks" }),
        new TargetSchemeInfo("link+emu", TargetScheme.LinkEmulated, "link+emu:[?bits=…&quirks=…&faults=RATE&seed=N&reset-after=N]",
            "the emulated board in this process behind the whole link, optionally through the fault injector",
            new[] { "bits", "quirks", "faults", "seed", "reset-after" }),
        new TargetSchemeInfo("pty", TargetScheme.Pty, "pty:[?bits=32|64&quirks=0|1]",
            "the emulated board in a child process over a real pseudo-terminal",
            new[] { "bits", "quirks" }),
        new TargetSchemeInfo("serial", TargetScheme.Serial, "serial:/dev/ttyUSB0[?baud=921600&flow=rtscts]",
            "a board on a serial tty", new[] { "baud", "flow" }),
        new TargetSchemeInfo("tcp", TargetScheme.Tcp, "tcp://host:port", "a board listening on TCP", Array.Empty<string>()),
    };

    /// <summary>The forms, for messages: "Expected emu:[?…], … or tcp://host:port."</summary>
    public static string Forms { get; } =
        "Expected " + string.Join(", ", Schemes.Take(Schemes.Count - 1).Select(s => s.Form)) + " or " + Schemes[^1].Form + ".";

    /// <summary>
    /// One line for a <c>--target</c> option's help. Which scheme takes which option is said in the words the URI's
    /// errors use (<see cref="SchemesTaking"/>, <see cref="OptionForm"/>), so help and errors cannot disagree.
    /// </summary>
    public static string Help { get; } =
        "The board: emu: (the emulated board in this process, without the link), link+emu: (the same behind the whole link), "
        + "pty: (the emulated board in a child process on a pseudo-terminal), serial:PATH, tcp://HOST:PORT. Options follow ? joined with &: "
        + $"{SchemesTaking("bits")} take {OptionForm("bits")} and {OptionForm("quirks")}; "
        + $"{SchemesTaking("faults")} also takes {OptionForm("faults")}, {OptionForm("seed")} and {OptionForm("reset-after")}; "
        + $"{SchemesTaking("baud")} takes {OptionForm("baud")} and {OptionForm("flow")}. Schemes are case-insensitive.";

    /// <summary>The option as help spells it, with its values (<c>bits=32|64</c>); the bare name for one no scheme takes.</summary>
    public static string OptionForm(string name)
    {
        foreach ((string n, string form) in OptionForms)
        {
            if (n == name)
            {
                return form;
            }
        }

        return name;
    }

    /// <summary>The schemes that take <paramref name="option"/>, for messages (<c>emu:, link+emu: and pty:</c>), or null for none.</summary>
    public static string? SchemesTaking(string option)
    {
        var names = Schemes.Where(s => s.Takes(option)).Select(s => s.Name + ":").ToList();
        return names.Count switch
        {
            0 => null,
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
        };
    }

    /// <summary>The scheme named <paramref name="name"/> (lower-case, without the colon), or null.</summary>
    public static TargetSchemeInfo? Find(string name) => Schemes.FirstOrDefault(s => s.Name == name);

    /// <summary>The registry's row for <paramref name="scheme"/>.</summary>
    public static TargetSchemeInfo Get(TargetScheme scheme) => Schemes.First(s => s.Scheme == scheme);

    /// <summary>
    /// The target for <paramref name="uri"/>. Throws <see cref="TargetUriException"/> for a URI that does not parse or
    /// names an option its scheme does not take, <see cref="TargetException"/> (usage) for a missing or unreadable key.
    /// Nothing is started or connected until a session is opened.
    /// </summary>
    public static ITarget Create(string uri, TargetSettings? settings = null)
    {
        TargetUri parsed = TargetUri.Parse(uri);
        settings ??= new TargetSettings();
        byte[] key = TargetKey.Resolve(parsed, settings);
        return parsed.Scheme == TargetScheme.Emulated
            ? new EmulatedTarget(parsed)
            : new LinkTarget(parsed, settings, key);
    }
}
