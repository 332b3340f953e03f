using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>store</c>: a client writes its mapping — one value of a width, or bytes.</summary>
internal sealed class StoreStep() : MemoryAccessStep("store", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("addr", FieldKind.Expr), ("width", FieldKind.Expr), ("value", FieldKind.Expr), ("bytes", FieldKind.Bytes) },
    new[] { "addr" },
    new[] { ("signal", FieldKind.Signal), ("errno", FieldKind.Expr), ("messages", FieldKind.Messages) }))
{
    internal override void Check(Step step, ScenarioObject o)
    {
        if ((step.Bytes == null) == !step.Args.ContainsKey("value"))
        {
            throw o.Fail("value", "a store step gives exactly one of value (with width) and bytes");
        }

        if (step.Args.ContainsKey("value") && !step.Args.ContainsKey("width"))
        {
            throw o.Fail("width", "a store of a value needs its width (1, 2, 4 or 8)");
        }

        StepParser.CheckWidth(step, o);
    }

    protected override Task<MemoryAccess> AccessAsync(ClientProcess p, ulong addr, Step step, ScenarioRun run) =>
        step.Bytes != null
            ? p.StoreBytesAsync(addr, step.Bytes.Evaluate(run.Names))
            : p.StoreAsync(addr, (int)run.Eval(step, "width"), run.Eval(step, "value"));
}
