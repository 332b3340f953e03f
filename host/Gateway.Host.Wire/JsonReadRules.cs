using System;
using System.Text.Json;

namespace Gateway.Host.Wire;

/// <summary>
/// How a <see cref="JsonObjectReader"/> words and raises its errors. The reading is the same for every caller (duplicate
/// keys refused, unknown keys refused, fields named by path); what differs is the exception a caller's users expect
/// (<c>wire encode</c>: <see cref="WireInputException"/>; scenario files: one naming the file and the step) and a few
/// words that those users already see in messages and tests.
/// </summary>
public sealed class JsonReadRules
{
    /// <summary><c>gateway wire encode</c>: <see cref="WireInputException"/>; <c>*_names</c> keys are decoration.</summary>
    public static readonly JsonReadRules Wire = new((path, reason) => new WireInputException(path, reason))
    {
        RootName = "JSON",
        Duplicate = "appears twice",
        NotAnObject = e => $"must be a JSON object, got {JsonObjectReader.Describe(e)}",
        IgnoresNames = true,
    };

    public JsonReadRules(Func<string, string, Exception> fail)
    {
        Fail = fail;
    }

    /// <summary>Builds the exception for the field at a path and the reason.</summary>
    public Func<string, string, Exception> Fail { get; }

    /// <summary>What the top-level object is called in an error (its path is empty).</summary>
    public string RootName { get; init; } = "(root)";

    /// <summary>The reason given for a key that appears twice in one object.</summary>
    public string Duplicate { get; init; } = "duplicate key";

    /// <summary>The reason given when an object was expected.</summary>
    public Func<JsonElement, string> NotAnObject { get; init; } = e => $"must be an object, not {e.ValueKind}";

    /// <summary>True when keys ending in <c>_names</c> (the names <c>wire decode</c> prints beside numbers) are ignored.</summary>
    public bool IgnoresNames { get; init; }
}
