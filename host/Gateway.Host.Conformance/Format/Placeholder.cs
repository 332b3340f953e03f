using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Conformance.Format;

/// <summary>A reference to something an earlier step produced, or a fact of the target: <c>{fd:app}</c>, <c>{i}</c>.</summary>
public sealed record Placeholder(string Kind, string Name)
{
    /// <summary>The kinds a scenario may use (hardware-docs/scenarios.md "Placeholders").</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "fd", "coid", "addr", "len", "value", "ino", "stat", "map", "info", "i", "cap",
    };

    public override string ToString() => Kind == "i" ? "{i}" : $"{{{Kind}:{Name}}}";

    /// <summary>Parses the text between the braces.</summary>
    public static Placeholder Parse(string inner)
    {
        int colon = inner.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? inner.Trim() : inner[..colon].Trim();
        string name = colon < 0 ? "" : inner[(colon + 1)..].Trim();
        if (!Kinds.Contains(kind))
        {
            throw new FormatException($"unknown placeholder kind '{kind}' in {{{inner}}} (known: {string.Join(", ", Kinds)})");
        }

        if (kind == "i" ? name.Length != 0 : name.Length == 0)
        {
            throw new FormatException(kind == "i" ? "{i} takes no name" : $"placeholder {{{inner}}} needs a name: {{{kind}:NAME}}");
        }

        return new Placeholder(kind, name);
    }
}
