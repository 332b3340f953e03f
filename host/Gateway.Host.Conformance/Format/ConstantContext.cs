namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Evaluates expressions without placeholders while a file loads (a width, an errno), so a constant that can never be
/// right is refused then; any placeholder fails to resolve.
/// </summary>
internal sealed class ConstantContext : IExprContext
{
    public static readonly ConstantContext Instance = new();

    public bool TryResolve(Placeholder placeholder, out object value, out string error)
    {
        value = 0UL;
        error = "no context";
        return false;
    }

    public ulong Dynamic(string symbol) => 0;
}
