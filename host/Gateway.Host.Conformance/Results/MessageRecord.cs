using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

/// <summary>A message sent during a step, as reports print it.</summary>
public sealed record MessageRecord(int Pid, int Coid, string Kind, string Reply)
{
    public override string ToString() => $"pid {Pid} coid 0x{Coid:x}: {Kind} → {Reply}";
}
