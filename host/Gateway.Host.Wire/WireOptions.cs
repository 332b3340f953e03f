using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Wire;

/// <summary>Options of a <c>wire</c> conversion: the stat form of a bare stat (<c>--form</c>).</summary>
public sealed record WireOptions(int Form = 0);
