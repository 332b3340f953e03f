using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Wire;

/// <summary>One integer member of a QNX struct: its C member path, offset, C type and accessors on the codec object.</summary>
public sealed class WireField<T>
{
    public WireField(string path, int offset, WireKind kind, Func<T, Int128> get, Action<T, Int128> set, FieldRole role, Func<Int128, IReadOnlyList<string>>? names, Int128? expect, string? expectName)
    {
        Path = path;
        Offset = offset;
        Kind = kind;
        Get = get;
        Set = set;
        Role = role;
        Names = names;
        Expect = expect;
        ExpectName = expectName;
    }

    public string Path { get; }

    public int Offset { get; }

    public WireKind Kind { get; }

    public Func<T, Int128> Get { get; }

    public Action<T, Int128> Set { get; }

    public FieldRole Role { get; }

    /// <summary>Flag names printed as the sibling key <c>&lt;field&gt;_names</c>.</summary>
    public Func<Int128, IReadOnlyList<string>>? Names { get; }

    /// <summary>The only value <c>wire encode</c> accepts (the message type).</summary>
    public Int128? Expect { get; }

    public string? ExpectName { get; }

    public int End => Offset + WireKinds.Size(Kind);
}
