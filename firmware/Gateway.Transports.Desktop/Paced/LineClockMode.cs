namespace Gateway.Transports.Desktop.Paced;

/// <summary>
/// How a <see cref="PacedSerialLine"/> keeps time. In every mode a byte reaches its reader no earlier, on the reader's
/// clock, than the line rate allows after its writer's clock showed the write; the modes differ only in what else
/// takes time.
/// </summary>
public enum LineClockMode
{
    /// <summary>
    /// Only the line takes time: each end's clock moves only when it reads a byte that arrives later than the clock
    /// shows, so computing is free and a run is deterministic (the same bytes in the same order give the same
    /// times). Runs as fast as the CPU allows.
    /// </summary>
    Virtual,

    /// <summary>
    /// Each end's clock is the wall clock plus an offset that jumps forward whenever the end reads a byte that, at the
    /// line rate, would not have arrived yet: computing and scheduling take their real time, waiting for the line is
    /// skipped. Close to <see cref="RealTime"/>'s figures in a fraction of its run time.
    /// </summary>
    FastForward,

    /// <summary>The wall clock: a reader blocks until its bytes have arrived at the line rate (a 1 MiB transfer at 115,200 baud takes 91 s).</summary>
    RealTime,
}
