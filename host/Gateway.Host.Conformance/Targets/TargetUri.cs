using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Targets;

/// <summary>
/// A target URI: <c>emu:</c>, <c>emu:?bits=32&amp;quirks=1</c>, <c>pty:?quirks=1</c>, <c>serial:/dev/ttyUSB0?baud=115200</c>,
/// <c>tcp://board:7000</c>. Scheme, the part before the query, and the options.
/// </summary>
public sealed class TargetUri
{
    private TargetUri(string text, string scheme, string path, IReadOnlyDictionary<string, string> options)
    {
        Text = text;
        Scheme = scheme;
        Path = path;
        Options = options;
    }

    public string Text { get; }

    public string Scheme { get; }

    /// <summary>What follows <c>scheme:</c> up to the query (<c>/dev/ttyUSB0</c>, <c>//board:7000</c>, empty for <c>emu:</c>).</summary>
    public string Path { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    public override string ToString() => Text;

    public static TargetUri Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !text[..colon].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '+'))
        {
            throw new TargetUriException($"'{text}' is not a target URI (emu:, pty:, serial:PATH?baud=N, tcp://HOST:PORT)");
        }

        string scheme = text[..colon];
        string rest = text[(colon + 1)..];
        int q = rest.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? rest : rest[..q];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (string pair in rest[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                string key = eq < 0 ? pair : pair[..eq];
                string value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                if (!options.TryAdd(key, value))
                {
                    throw new TargetUriException($"{text}: option '{key}' given twice");
                }
            }
        }

        return new TargetUri(text, scheme, path, options);
    }

    /// <summary>Refuses options outside <paramref name="known"/>.</summary>
    public void OnlyOptions(params string[] known)
    {
        foreach (string key in Options.Keys)
        {
            if (!known.Contains(key))
            {
                throw new TargetUriException($"{Text}: unknown option '{key}' for {Scheme}: (known: {(known.Length == 0 ? "none" : string.Join(", ", known))})");
            }
        }
    }

    /// <summary>A 0/1 (or true/false) option, or null when absent.</summary>
    public bool? Flag(string key)
    {
        if (!Options.TryGetValue(key, out string? v))
        {
            return null;
        }

        return v switch
        {
            "1" or "true" or "" => true,
            "0" or "false" => false,
            _ => throw new TargetUriException($"{Text}: option {key}={v} must be 0 or 1"),
        };
    }

    public int? Integer(string key, params int[] allowed)
    {
        if (!Options.TryGetValue(key, out string? v))
        {
            return null;
        }

        if (!int.TryParse(v, out int n) || (allowed.Length > 0 && !allowed.Contains(n)))
        {
            throw new TargetUriException($"{Text}: option {key}={v} must be {(allowed.Length > 0 ? string.Join(" or ", allowed) : "an integer")}");
        }

        return n;
    }
}

/// <summary>
/// The target factories by scheme. <c>emu:</c> is built in (the emulated board in process); the link targets
/// (<c>pty:</c>, <c>serial:</c>, <c>tcp://</c>) plug in with <see cref="Register"/>.
/// </summary>
public static class TargetRegistry
{
    private static readonly Dictionary<string, ITargetFactory> Factories = new(StringComparer.Ordinal);
    private static readonly object Gate = new();

    static TargetRegistry()
    {
        Register(new EmulatedTargetFactory());
        Register(new LinkTargetFactory());
    }

    public static void Register(ITargetFactory factory)
    {
        lock (Gate)
        {
            foreach (string scheme in factory.Schemes)
            {
                Factories[scheme] = factory;
            }
        }
    }

    public static IReadOnlyList<string> Schemes
    {
        get
        {
            lock (Gate)
            {
                return Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>The target for <paramref name="uri"/>; throws <see cref="TargetUriException"/> when no factory takes it.</summary>
    public static ITarget Create(string uri, TargetSettings? settings = null)
    {
        TargetUri parsed = TargetUri.Parse(uri);
        ITargetFactory? factory;
        lock (Gate)
        {
            Factories.TryGetValue(parsed.Scheme, out factory);
        }

        if (factory == null)
        {
            throw new TargetUriException($"{uri}: no target for '{parsed.Scheme}:' in this build (available: {string.Join(", ", Schemes.Select(s => s + ":"))})");
        }

        return factory.Create(parsed, settings ?? new TargetSettings());
    }
}
