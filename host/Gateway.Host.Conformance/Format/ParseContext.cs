namespace Gateway.Host.Conformance.Format;

/// <summary>Where a scenario file is being read: the file (or suite entry) and the step, for <see cref="ScenarioFormatException"/>.</summary>
internal sealed record ParseContext(string File, int? StepIndex, string? StepName)
{
    /// <summary>The file's <c>format</c> (1 or 2): format 2 adds comparisons to expectations.</summary>
    public int Format { get; init; } = 1;

    public ScenarioFormatException Fail(string field, string reason) => new(File, StepIndex, StepName, field, reason);
}
