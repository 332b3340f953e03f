using System;

namespace Gateway.Board.Tests;

/// <summary>
/// A test that needs a real board: skipped unless GATEWAY_HARDWARE_TESTS=1 (and every extra variable
/// named is set). Tag the class with <c>[Trait("Category", "Hardware")]</c> so
/// <c>dotnet test --filter Category=Hardware</c> picks them out.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HardwareFactAttribute : FactAttribute
{
    public const string Switch = "GATEWAY_HARDWARE_TESTS";

    public HardwareFactAttribute(params string[] requiredVariables)
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1")
        {
            Skip = $"hardware test: set {Switch}=1 on a board with the wiring of boards/";
            return;
        }

        foreach (string name in requiredVariables)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Skip = $"hardware test: set {name}";
                return;
            }
        }
    }
}
