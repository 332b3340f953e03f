using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>mmap_device_io</c>: a client process maps a device's I/O range (<c>io</c>, a physical address: neither board
/// has a separate I/O space, so the memory manager maps it as device memory, read/write, uncached, MM-12).
/// </summary>
internal sealed class MmapDeviceIoStep() : MappingStep("mmap_device_io",
    new[] { ("pid", FieldKind.Expr), ("length", FieldKind.Expr), ("io", FieldKind.Expr), ("as", FieldKind.Name) },
    new[] { "length", "io" })
{
    protected override Task<MmapResult> MapAsync(ClientProcess p, Step step, ScenarioRun run, ulong length, uint prot) =>
        p.MmapDeviceIoAsync(length, run.Eval(step, "io"));
}
