using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Host.Bench;

/// <summary>One budget of performance.md checked against a measured figure.</summary>
/// <param name="Name">The budget, as §6 words it.</param>
/// <param name="Measured">The figure it is judged on.</param>
/// <param name="Limit">The limit, with its comparison ("≤ 1.02").</param>
/// <param name="Met">Whether the figure is within the limit.</param>
public sealed record BudgetCheck(string Name, string Measured, string Limit, bool Met);
