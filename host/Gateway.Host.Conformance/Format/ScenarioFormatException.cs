using System;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// A malformed scenario file: names the file, the step (index from 0 and name, when the problem is inside a step)
/// and the field (a JSON path such as <c>expect.allowed_prot</c> or <c>steps[3].do</c>).
/// </summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string file, int? stepIndex, string? stepName, string field, string reason)
        : base(Compose(file, stepIndex, stepName, field, reason))
    {
        File = file;
        StepIndex = stepIndex;
        StepName = stepName;
        Field = field;
        Reason = reason;
    }

    public string File { get; }

    /// <summary>The step's index in its list (nested steps of a <c>repeat</c>: the outer step's), or null for the header.</summary>
    public int? StepIndex { get; }

    public string? StepName { get; }

    public string Field { get; }

    public string Reason { get; }

    private static string Compose(string file, int? stepIndex, string? stepName, string field, string reason)
    {
        string step = stepIndex is int i ? $" step {i}{(stepName != null ? $" (\"{stepName}\")" : "")}:" : "";
        return $"{file}:{step} {field}: {reason}";
    }
}
