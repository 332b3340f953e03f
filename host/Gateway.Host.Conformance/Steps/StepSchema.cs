using System;
using System.Collections.Generic;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// The keys a step kind takes: its arguments (in the order they are read, so the first bad one is the one named),
/// the arguments it cannot do without, and its expectations.
/// </summary>
public sealed class StepSchema
{
    public StepSchema(IReadOnlyList<(string Key, FieldKind Kind)> args, string[] required, IReadOnlyList<(string Key, FieldKind Kind)> expect)
    {
        Args = args;
        Required = required;
        Expect = expect;
    }

    public IReadOnlyList<(string Key, FieldKind Kind)> Args { get; }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<(string Key, FieldKind Kind)> Expect { get; }

    public bool TakesArg(string key)
    {
        foreach (var (k, _) in Args)
        {
            if (k == key)
            {
                return true;
            }
        }

        return false;
    }

    public FieldKind? ExpectationKind(string key)
    {
        foreach (var (k, kind) in Expect)
        {
            if (k == key)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The expectations every step that only succeeds or fails with an errno takes.</summary>
    public static readonly (string, FieldKind)[] ErrnoOnly = { ("errno", FieldKind.Expr), ("messages", FieldKind.Messages) };

    public static readonly string[] None = Array.Empty<string>();
}
