using System;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;
using Gateway.Host.Wire;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>load</c>: a client reads its mapping — one value of a width (1, 2, 4 or 8 bytes) or a count of bytes; <c>as</c>
/// names what it read, and <c>mask</c> limits the value compared to some bits (one pin of a GPIO register).
/// </summary>
internal sealed class LoadStep() : MemoryAccessStep("load", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("addr", FieldKind.Expr), ("width", FieldKind.Expr), ("count", FieldKind.Expr), ("as", FieldKind.Name) },
    new[] { "addr" },
    new[]
    {
        ("value", FieldKind.Expr), ("mask", FieldKind.Expr), ("bytes", FieldKind.Bytes), ("signal", FieldKind.Signal), ("errno", FieldKind.Expr),
        ("messages", FieldKind.Messages),
    }))
{
    internal override void Check(Step step, ScenarioObject o)
    {
        if (step.Args.ContainsKey("width") == step.Args.ContainsKey("count"))
        {
            throw o.Fail("width", "a load step gives exactly one of width (1, 2, 4 or 8) and count (bytes)");
        }

        StepParser.CheckWidth(step, o);
    }

    protected override Task<MemoryAccess> AccessAsync(ClientProcess p, ulong addr, Step step, ScenarioRun run) =>
        step.Arg("width") != null
            ? p.LoadAsync(addr, (int)run.Eval(step, "width"))
            : p.LoadBytesAsync(addr, (int)run.Eval(step, "count"));

    protected override void Succeeded(Step step, ScenarioRun run, StepResult r, MemoryAccess a)
    {
        Expectation x = step.Expect;
        run.Bind("value", step.As, a.Bytes != null ? (object)HexText.Format(a.Bytes) : a.Value);
        ulong mask = x.Value("mask") is Expr me ? me.Evaluate(run.Names) : ulong.MaxValue;
        run.Checks.Value(step, r, "value", a.Value & mask);
        StepChecks.Observe(r, "value", a.Value);
        if (a.Bytes != null)
        {
            StepChecks.Observe(r, "bytes", System.Text.Json.Nodes.JsonValue.Create(HexText.Format(a.Bytes)));
        }

        if (x.Bytes != null)
        {
            run.Checks.Bytes(r, "bytes", x.Bytes, a.Bytes ?? Array.Empty<byte>());
        }
    }
}
