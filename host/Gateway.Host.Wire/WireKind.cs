using System;

namespace Gateway.Host.Wire;

/// <summary>The C integer type of a wire field: its size and the values it holds.</summary>
public enum WireKind
{
    U8,
    U16,
    U32,
    U64,
    I16,
    I32,
    I64,
}
