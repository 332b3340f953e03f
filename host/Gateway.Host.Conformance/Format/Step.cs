using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>One step: an operation, its arguments, and what it must produce.</summary>
public sealed record Step
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    /// <summary>What the step does (its <c>do</c>): the kind reads, runs and checks it.</summary>
    public required StepKind Kind { get; init; }

    public string Op => Kind.Name;

    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    public string? Skip { get; init; }

    /// <summary>Integer arguments by key (<c>pid</c>, <c>fd</c>, <c>prot</c>, <c>length</c>…).</summary>
    public IReadOnlyDictionary<string, Expr> Args { get; init; } = new Dictionary<string, Expr>();

    public Template? Path { get; init; }

    /// <summary>The name later steps use for what this step produced (<c>{fd:NAME}</c>, <c>{addr:NAME}</c>…).</summary>
    public string? As { get; init; }

    public BytesSpec? Bytes { get; init; }

    /// <summary>Text arguments by key (<c>write</c>'s <c>text</c>, <c>new_session</c>'s <c>how</c> and <c>host</c>).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>text</c> argument (<c>write</c>).</summary>
    public string? Text => Texts.TryGetValue("text", out string? t) ? t : null;

    public WireSpec? Wire { get; init; }

    /// <summary>For <c>raw</c>: <c>"coid": "new"</c> asks for a fresh coid (the process's lowest free fd, or the MM's next coid for pid 1).</summary>
    public bool NewCoid { get; init; }

    public IReadOnlyList<Step> Body { get; init; } = Array.Empty<Step>();

    /// <summary>Format 2: observed values the step names for later steps (<c>{cap:NAME}</c>).</summary>
    public IReadOnlyList<Capture> Captures { get; init; } = Array.Empty<Capture>();

    public Expectation Expect { get; init; } = new();

    public IEnumerable<string> AllRules => Rules.Concat(Body.SelectMany(b => b.AllRules));

    public Expr? Arg(string key) => Args.TryGetValue(key, out Expr? e) ? e : null;

    public override string ToString() => $"{Index} {Name}";
}
