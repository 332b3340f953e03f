namespace Gateway.Host.Bench;

/// <summary>
/// One steady-state request through <c>ResourceManager.Handle</c> on an emulated board: nanoseconds per request,
/// requests timed, the bytes this thread allocated over them, and whole bytes per request in the least-allocating
/// round (<see cref="NsTimer"/>; must be 0, performance.md §1).
/// </summary>
public sealed record RequestPathResult(string Request, double Ns, long Requests, long AllocatedBytes, long AllocatedBytesPerRequest);
