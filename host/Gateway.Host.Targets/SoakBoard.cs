using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gateway.Host.Targets;

/// <summary>A board of a soak run: its fault seeds (one per session, in order) and the faults injected on its links.</summary>
public sealed record SoakBoard(string Name, string Uri, IReadOnlyList<int> Seeds, long Dropped, long Corrupted, long Duplicated, long Reordered, long Delayed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Seeds.Count} sessions, fault seeds {(Seeds.Count == 0 ? "none" : Seeds.Count <= 3 ? string.Join(", ", Seeds) : $"{Seeds[0]}, {Seeds[1]} … {Seeds[^1]}")}; injected: {Dropped} dropped, {Corrupted} corrupted, {Duplicated} duplicated, {Reordered} reordered, {Delayed} delayed");
}
