using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>mmap_device_memory</c>: a client process maps physical memory (the memory manager opens /dev/mem for it).</summary>
internal sealed class MmapDeviceMemoryStep() : MappingStep("mmap_device_memory",
    new[] { ("pid", FieldKind.Expr), ("length", FieldKind.Expr), ("prot", FieldKind.Expr), ("flags", FieldKind.Expr), ("physical", FieldKind.Expr), ("as", FieldKind.Name) },
    new[] { "length", "prot", "physical" })
{
    protected override Task<MmapResult> MapAsync(ClientProcess p, Step step, ScenarioRun run, ulong length, uint prot) =>
        p.MmapDeviceMemoryAsync(length, prot, (uint)run.Eval(step, "flags", 0), run.Eval(step, "physical"));
}
