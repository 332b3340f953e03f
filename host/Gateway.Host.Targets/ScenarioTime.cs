namespace Gateway.Host.Targets;

/// <summary>
/// What a scenario needs of time (<c>target.time</c>), i.e. what its <c>advance</c> steps mean. By default the
/// board's clock on <c>emu:</c> moves with the real time and <c>advance</c> jumps it forward; over the link
/// <c>advance</c> is a real wait of at most 1 s.
/// </summary>
public enum ScenarioTime
{
    /// <summary>Either (no <c>target.time</c>).</summary>
    Any,

    /// <summary>
    /// <c>"simulated"</c>: the board's clock moves only with <c>advance</c> (so "not yet" is exact). Only <c>emu:</c>
    /// has such a clock; elsewhere the scenario is skipped with that reason.
    /// </summary>
    Simulated,

    /// <summary><c>"real"</c>: <c>advance</c> lets real time pass (at most 1 s) on every target, <c>emu:</c> included.</summary>
    Real,
}
