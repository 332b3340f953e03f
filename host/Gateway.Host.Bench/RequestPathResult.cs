namespace Gateway.Host.Bench;

/// <summary>
/// One steady-state request through <c>ResourceManager.Handle</c> on an emulated board: nanoseconds per request,
/// requests timed, and the bytes this thread allocated over them (per request: must be 0, performance.md §1).
/// </summary>
public sealed record RequestPathResult(string Request, double Ns, long Requests, long AllocatedBytes)
{
    /// <summary>Whole bytes per request: a real allocation per request (24 bytes or more) shows here; a stray one does not.</summary>
    public long AllocatedBytesPerRequest => Requests == 0 ? 0 : AllocatedBytes / Requests;
}
