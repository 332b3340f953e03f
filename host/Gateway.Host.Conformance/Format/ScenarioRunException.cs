using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Conformance.Format;

/// <summary>A step could not run as written (a placeholder with no value yet, a non-numeric value): the step fails with this message.</summary>
public sealed class ScenarioRunException(string message) : Exception(message);
