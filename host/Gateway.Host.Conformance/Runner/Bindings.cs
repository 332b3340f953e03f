using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Gateway.Host.Conformance.Format;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// What a scenario's expressions resolve against while it runs: the names earlier steps bound (<c>{fd:app}</c>,
/// <c>{stat:s.st_mtime}</c>…), the repeat counter <c>{i}</c>, the board's <c>/fw/map</c> and <c>/fw/info</c>, and
/// the symbols that depend on the board (its preferred stat form). Names outlive a <c>new_session</c>.
/// </summary>
internal sealed class Bindings(BoardFacts facts) : IExprContext
{
    private readonly Dictionary<(string Kind, string Name), object> bound = new();

    /// <summary>The iteration of the innermost running repeat, or -1 outside one.</summary>
    public int Iteration { get; set; } = -1;

    /// <summary>Binds <paramref name="value"/> as <c>{kind:name}</c>; nothing when the step named nothing.</summary>
    public void Bind(string kind, string? name, object value)
    {
        if (name != null)
        {
            bound[(kind, name)] = value;
        }
    }

    public bool TryResolve(Placeholder placeholder, out object value, out string error)
    {
        error = "";
        switch (placeholder.Kind)
        {
            case "i":
                value = (ulong)Math.Max(0, Iteration);
                if (Iteration < 0)
                {
                    error = "{i} is only defined inside a repeat step";
                    return false;
                }

                return true;
            case "map":
            case "info":
            case "stat":
                JsonNode? n;
                if (placeholder.Kind == "stat")
                {
                    // {stat:NAME.st_mtime}: a field of the stat a stat or mmap step named NAME saw.
                    int dot = placeholder.Name.IndexOf('.', StringComparison.Ordinal);
                    n = dot > 0 && bound.TryGetValue(("stat", placeholder.Name[..dot]), out object? st) && st is JsonNode sn
                        ? BoardFacts.Lookup(sn, placeholder.Name[(dot + 1)..])
                        : null;
                }
                else
                {
                    n = BoardFacts.Lookup(placeholder.Kind == "map" ? facts.Map : facts.Info, placeholder.Name);
                }

                if (n is JsonValue v)
                {
                    if (v.TryGetValue(out string? s))
                    {
                        value = s;
                        return true;
                    }

                    if (Pattern.TryNumber(v, out ulong u))
                    {
                        value = u;
                        return true;
                    }

                    if (v.TryGetValue(out bool b))
                    {
                        value = b ? 1UL : 0UL;
                        return true;
                    }
                }

                value = 0UL;
                error = placeholder.Kind == "stat"
                    ? $"{placeholder}: no stat step named '{placeholder.Name.Split('.')[0]}' saw that field"
                    : $"{placeholder}: /fw/{placeholder.Kind} has no value at '{placeholder.Name}'";
                return false;
            default:
                if (bound.TryGetValue((placeholder.Kind, placeholder.Name), out object? value1))
                {
                    value = value1;
                    return true;
                }

                value = 0UL;
                error = $"{placeholder} has no value: no earlier step named '{placeholder.Name}' produced a {placeholder.Kind} (or it failed)";
                return false;
        }
    }

    public ulong Dynamic(string symbol) => symbol switch
    {
        Symbols.StatFormPreferredFlags => MmapReplyFlags.StatFormToFlags(facts.PreferredForm),
        Symbols.StatFormPreferred => (ulong)facts.PreferredForm,
        Symbols.StatSizePreferred => (ulong)StatForm.SizeOf(facts.PreferredForm),
        _ => throw new ScenarioRunException($"unknown symbol {symbol}"),
    };
}
