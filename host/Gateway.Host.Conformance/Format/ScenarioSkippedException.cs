using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Conformance.Format;

/// <summary>A step found that the target cannot run the scenario (e.g. a second session on a one-session stream): it is skipped with the reason.</summary>
public sealed class ScenarioSkippedException(string message) : Exception(message);
