using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>mmap</c>: a client process maps an fd (or anonymous memory without one) through the memory manager.</summary>
internal sealed class MmapStep() : MappingStep("mmap",
    new[]
    {
        ("pid", FieldKind.Expr), ("fd", FieldKind.Expr), ("addr", FieldKind.Expr), ("length", FieldKind.Expr), ("prot", FieldKind.Expr),
        ("flags", FieldKind.Expr), ("offset", FieldKind.Expr), ("as", FieldKind.Name),
    },
    new[] { "length", "prot", "flags" })
{
    protected override Task<MmapResult> MapAsync(ClientProcess p, Step step, ScenarioRun run, ulong length, uint prot) =>
        p.MmapAsync(run.Eval(step, "addr", 0), length, prot, (uint)run.Eval(step, "flags"), (int)(long)run.Eval(step, "fd", unchecked((ulong)-1L)), (long)run.Eval(step, "offset", 0));
}
