using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// The messages the memory manager (and every process) sent to the board during a step: <c>"none"</c>, an exact
/// list (kinds such as <c>_IO_MMAP</c> or <c>_IO_LSEEK+_IO_READ</c>, or objects with fields), or counts.
/// </summary>
public sealed class MessagesExpectation
{
    /// <summary>The exact sequence, when given as a list (or <c>"none"</c>: empty).</summary>
    public IReadOnlyList<MessageExpectation>? Sequence { get; init; }

    public Expr? Count { get; init; }

    public Expr? Min { get; init; }

    public Expr? Max { get; init; }

    /// <summary>When given with counts: every message must be of one of these kinds.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>When given with counts: messages that must appear (in this order, others may come between).</summary>
    public IReadOnlyList<MessageExpectation>? Includes { get; init; }
}
