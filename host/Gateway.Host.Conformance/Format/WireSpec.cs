using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>A raw message given as the JSON of <c>gateway wire encode</c>: its type, the stat form if needed, and the fields.</summary>
public sealed record WireSpec(string Type, string? Form, Pattern Fields);
