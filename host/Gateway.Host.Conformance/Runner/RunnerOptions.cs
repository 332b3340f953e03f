using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Targets;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Runner;

/// <summary>How the runner runs scenarios.</summary>
public sealed record RunnerOptions
{
    /// <summary>The memory manager's linger after the last munmap (MM-11; default 0 s, as behaviour.md says).</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.Zero;

    /// <summary>How long a <c>wait_event</c> step waits when it names no <c>timeout_ms</c>.</summary>
    public TimeSpan EventTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retry a scenario once in a new session when a board reset interrupted it (issue 6).</summary>
    public bool RetryAfterReset { get; init; } = true;
}
