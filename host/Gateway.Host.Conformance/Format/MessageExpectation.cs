using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>One expected message: its kind, and optionally its sender, fields (a subset of its wire JSON) and reply.</summary>
public sealed class MessageExpectation
{
    public required string Kind { get; init; }

    public Expr? Pid { get; init; }

    public Expr? Coid { get; init; }

    public Pattern? Fields { get; init; }

    public Expr? Errno { get; init; }

    public Expr? Status { get; init; }

    /// <summary>The size of the board's reply body (0 for an error reply); format 2 may compare.</summary>
    public Expr? ReplySize { get; init; }

    public override string ToString() => Kind;
}
