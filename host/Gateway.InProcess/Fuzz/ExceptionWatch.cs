using System;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// Sees every exception thrown on the fuzzing thread while armed, even one the resource manager's last line of
/// defence catches and answers with EIO: board code throws only on programming errors, so any throw is a finding.
/// </summary>
internal static class ExceptionWatch
{
    [ThreadStatic]
    private static bool armed;

    [ThreadStatic]
    private static string? first;

    static ExceptionWatch()
    {
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (armed && first == null)
            {
                // The handler runs on the throwing thread at the throw: this stack is the one that matters.
                first = $"{e.Exception.GetType().Name}: {e.Exception.Message}\n{Environment.StackTrace}";
            }
        };
    }

    public static void Arm()
    {
        first = null;
        armed = true;
    }

    /// <summary>Disarms; returns the first exception thrown since <see cref="Arm"/> with its stack, or null.</summary>
    public static string? Disarm()
    {
        armed = false;
        string? f = first;
        first = null;
        return f;
    }
}
