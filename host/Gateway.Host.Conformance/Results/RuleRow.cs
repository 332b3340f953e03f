using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

/// <summary>One row of the per-rule table: how many checks citing the rule passed, failed, were skipped.</summary>
public sealed record RuleRow(string Rule, int Passed, int Failed, int Skipped, IReadOnlyList<string> Scenarios)
{
    public Outcome Outcome => Failed > 0 ? Outcome.Fail : Passed > 0 ? Outcome.Pass : Outcome.Skip;
}
