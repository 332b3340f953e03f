using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Format;

/// <summary>One scenario file (hardware-docs/scenarios.md): processes, the target it needs, and steps with their expected outcomes.</summary>
public sealed class Scenario
{
    public const int CurrentFormat = 1;

    public required string File { get; init; }

    public required string Name { get; init; }

    public string? Title { get; init; }

    /// <summary>The area of the built-in suite (e.g. <c>RM-13</c>, <c>quirks</c>) or null.</summary>
    public string? Area { get; init; }

    /// <summary>Rule ids cited by every step that cites none itself.</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    public TargetRequirements Target { get; init; } = new();

    public IReadOnlyList<ProcessDecl> Processes { get; init; } = Array.Empty<ProcessDecl>();

    public required IReadOnlyList<Step> Steps { get; init; }

    /// <summary>When set, the scenario is not run and reports this reason (e.g. a known bug naming its rule).</summary>
    public string? Skip { get; init; }

    /// <summary>Every rule id cited anywhere in the scenario.</summary>
    public IEnumerable<string> AllRules => Rules.Concat(Steps.SelectMany(s => s.AllRules)).Distinct(StringComparer.Ordinal);

    public override string ToString() => Name;
}

/// <summary>What a scenario needs of its target: the board width, the quirk resources, declared hardware.</summary>
public sealed record TargetRequirements
{
    /// <summary>32 or 64, or null for either.</summary>
    public int? Bits { get; init; }

    /// <summary>True when the scenario needs the emulated board's /quirks resources.</summary>
    public bool Quirks { get; init; }

    /// <summary>
    /// Declarations /fw/map must make: <c>wiring</c> (a loopback wire), <c>window</c> (a /dev/mem window),
    /// <c>spi:DEVICE</c> (a device on spi0, e.g. <c>spi:25LC256</c>), <c>path:PATH</c> (a resource).
    /// </summary>
    public IReadOnlyList<string> Requires { get; init; } = Array.Empty<string>();
}

/// <summary>A client process the scenario declares before its first step (behaviour.md §0).</summary>
public sealed record ProcessDecl(int Pid, int Uid, int Gid, int Euid, int Egid, IReadOnlyList<int> Groups, bool Is64Bit);

/// <summary>The operations a step can perform (its <c>do</c>).</summary>
public static class Ops
{
    public const string Declare = "declare";
    public const string Open = "open";
    public const string Close = "close";
    public const string Mmap = "mmap";
    public const string MmapDeviceMemory = "mmap_device_memory";
    public const string Munmap = "munmap";
    public const string Msync = "msync";
    public const string Mprotect = "mprotect";
    public const string Load = "load";
    public const string Store = "store";
    public const string Read = "read";
    public const string Write = "write";
    public const string Stat = "stat";
    public const string Raw = "raw";
    public const string Status = "status";
    public const string WaitEvent = "wait_event";
    public const string Advance = "advance";
    public const string Repeat = "repeat";
    public const string NewSession = "new_session";
}

/// <summary>One step: an operation, its arguments, and what it must produce.</summary>
public sealed class Step
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required string Op { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    public string? Skip { get; init; }

    /// <summary>Integer arguments by key (<c>pid</c>, <c>fd</c>, <c>prot</c>, <c>length</c>…).</summary>
    public IReadOnlyDictionary<string, Expr> Args { get; init; } = new Dictionary<string, Expr>();

    public Template? Path { get; init; }

    /// <summary>The name later steps use for what this step produced (<c>{fd:NAME}</c>, <c>{addr:NAME}</c>…).</summary>
    public string? As { get; init; }

    public BytesSpec? Bytes { get; init; }

    public string? Text { get; init; }

    public WireSpec? Wire { get; init; }

    /// <summary>For <c>raw</c>: <c>"coid": "new"</c> asks for a fresh coid (the process's lowest free fd, or the MM's next coid for pid 1).</summary>
    public bool NewCoid { get; init; }

    public IReadOnlyList<Step> Body { get; init; } = Array.Empty<Step>();

    public Expectation Expect { get; init; } = new();

    public IEnumerable<string> AllRules => Rules.Concat(Body.SelectMany(b => b.AllRules));

    public Expr? Arg(string key) => Args.TryGetValue(key, out Expr? e) ? e : null;

    public override string ToString() => $"{Index} {Name}";
}

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

/// <summary>
/// The messages the memory manager (and every process) sent to the board during a step: <c>"none"</c>, an exact
/// list (kinds such as <c>_IO_MMAP</c> or <c>_IO_LSEEK+_IO_READ</c>, or objects with fields), or counts.
/// </summary>
public sealed class MessagesExpectation
{
    /// <summary>The exact sequence, when given as a list (or <c>"none"</c>: empty).</summary>
    public IReadOnlyList<MessageExpectation>? Sequence { get; init; }

    public Expr? Count { get; init; }

    public Expr? Min { get; init; }

    public Expr? Max { get; init; }

    /// <summary>When given with counts: every message must be of one of these kinds.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>When given with counts: messages that must appear (in this order, others may come between).</summary>
    public IReadOnlyList<MessageExpectation>? Includes { get; init; }
}

/// <summary>One expected message: its kind, and optionally its sender, fields (a subset of its wire JSON) and reply.</summary>
public sealed class MessageExpectation
{
    public required string Kind { get; init; }

    public Expr? Pid { get; init; }

    public Expr? Coid { get; init; }

    public Pattern? Fields { get; init; }

    public Expr? Errno { get; init; }

    public Expr? Status { get; init; }

    public override string ToString() => Kind;
}

/// <summary>Bytes given as hex, or as a list of hex pieces and little-endian integers (<c>{"u32": "{fd:app}"}</c>).</summary>
public sealed class BytesSpec
{
    private readonly List<(byte[]? Hex, int Width, Expr? Value)> pieces;

    public BytesSpec(List<(byte[]? Hex, int Width, Expr? Value)> pieces, string text)
    {
        this.pieces = pieces;
        Text = text;
    }

    public string Text { get; }

    public byte[] Evaluate(IExprContext context)
    {
        var bytes = new List<byte>();
        foreach (var (hex, width, value) in pieces)
        {
            if (hex != null)
            {
                bytes.AddRange(hex);
                continue;
            }

            ulong v = value!.Evaluate(context);
            for (int i = 0; i < width; i++)
            {
                bytes.Add((byte)(v >> (8 * i)));
            }
        }

        return bytes.ToArray();
    }
}

/// <summary>A raw message given as the JSON of <c>gateway wire encode</c>: its type, the stat form if needed, and the fields.</summary>
public sealed record WireSpec(string Type, string? Form, Pattern Fields);
