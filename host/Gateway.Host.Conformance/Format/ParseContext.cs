namespace Gateway.Host.Conformance.Format;

/// <summary>Where a scenario file is being read: the file (or suite entry) and the step, for <see cref="ScenarioFormatException"/>.</summary>
internal sealed record ParseContext(string File, int? StepIndex, string? StepName)
{
    public ScenarioFormatException Fail(string field, string reason) => new(File, StepIndex, StepName, field, reason);
}
