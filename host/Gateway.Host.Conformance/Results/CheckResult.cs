using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

/// <summary>One judgement: the rule it checks, what was expected and what was observed.</summary>
public sealed record CheckResult(string Rule, string Check, string Expected, string Observed, bool Passed)
{
    public override string ToString() => Passed
        ? $"{Rule} {Check}: {Observed}"
        : $"{Rule} {Check}: expected {Expected}, observed {Observed}";
}
