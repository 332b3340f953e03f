using System;
using System.Collections.Generic;

namespace Gateway.Host.Conformance.Steps;

/// <summary>The registry of step kinds, by their <c>do</c> name, in the order error messages list them.</summary>
public static class StepKinds
{
    private static readonly StepKind[] All =
    {
        new DeclareStep(),
        new OpenStep(),
        new CloseStep(),
        new MmapStep(),
        new MmapDeviceMemoryStep(),
        new MmapDeviceIoStep(),
        new MunmapStep(),
        new MsyncStep(),
        new MprotectStep(),
        new LoadStep(),
        new StoreStep(),
        new ReadStep(),
        new WriteStep(),
        new StatStep(),
        new RawStep(),
        new StatusStep(),
        new WaitEventStep(),
        new AdvanceStep(),
        new RepeatStep(),
        new PollStep(),
        new NewSessionStep(),
        new RebootStep(),
        new BeforeAuthStep(),
    };

    private static readonly Dictionary<string, StepKind> ByName = Index();

    /// <summary>The operations (values of <c>do</c>).</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            foreach (StepKind k in All)
            {
                yield return k.Name;
            }
        }
    }

    public static StepKind? Find(string name) => ByName.GetValueOrDefault(name);

    private static Dictionary<string, StepKind> Index()
    {
        var map = new Dictionary<string, StepKind>(StringComparer.Ordinal);
        foreach (StepKind k in All)
        {
            map.Add(k.Name, k);
        }

        return map;
    }
}
