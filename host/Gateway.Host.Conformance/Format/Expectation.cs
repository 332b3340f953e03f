using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>What a step must produce. Absent fields are not checked, except <see cref="Errno"/>, which defaults to success.</summary>
public sealed class Expectation
{
    public Expr? Errno { get; init; }

    /// <summary>Integer expectations by key (<c>fd</c>, <c>allowed_prot</c>, <c>reply_size</c>, <c>flags</c>, <c>value</c>, <c>count</c>…).</summary>
    public IReadOnlyDictionary<string, Expr> Values { get; init; } = new Dictionary<string, Expr>();

    /// <summary>JSON subsets by key (<c>stat</c>, <c>reply</c>, <c>files</c>, <c>json</c>, <c>events</c>).</summary>
    public IReadOnlyDictionary<string, Pattern> Patterns { get; init; } = new Dictionary<string, Pattern>();

    /// <summary>Booleans by key (<c>retried</c>, <c>stat_from_reply</c>, <c>nonconformance</c>).</summary>
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();

    /// <summary>Text by key (<c>signal</c>, <c>text</c>, <c>nonconformance</c> as a substring, <c>unchanged_since</c>, <c>reply_type</c>).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();

    public BytesSpec? Bytes { get; init; }

    public MessagesExpectation? Messages { get; init; }

    public Expr? Value(string key) => Values.TryGetValue(key, out Expr? e) ? e : null;

    public Pattern? PatternOf(string key) => Patterns.TryGetValue(key, out Pattern? p) ? p : null;

    public bool? Flag(string key) => Flags.TryGetValue(key, out bool b) ? b : null;

    public string? TextOf(string key) => Texts.TryGetValue(key, out string? t) ? t : null;
}
