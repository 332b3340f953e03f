using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;

namespace Gateway.Host.Conformance.Steps;

/// <summary><c>write</c>: a client writes bytes or text to an fd (at an offset, or where it is).</summary>
internal sealed class WriteStep() : StepKind("write", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("fd", FieldKind.Expr), ("bytes", FieldKind.Bytes), ("text", FieldKind.Text), ("offset", FieldKind.Expr) },
    new[] { "fd" },
    new[] { ("errno", FieldKind.Expr), ("count", FieldKind.Expr), ("messages", FieldKind.Messages) }))
{
    internal override void Check(Step step, ScenarioObject o)
    {
        if ((step.Bytes == null) == (step.Text == null))
        {
            throw o.Fail("bytes", "a write step gives exactly one of bytes and text");
        }
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        ClientProcess p = run.Process(step);
        long? offset = step.Arg("offset") != null ? (long)run.Eval(step, "offset") : null;
        byte[] data = step.Bytes != null ? step.Bytes.Evaluate(run.Names) : Encoding.UTF8.GetBytes(step.Text!);
        QnxResult res = await p.WriteAsync((int)run.Eval(step, "fd"), data, offset).ConfigureAwait(false);
        run.Checks.Errno(step, r, res.Errno);
        if (res.Ok)
        {
            run.Checks.Value(step, r, "count", (ulong)res.Value);
        }

        return res.Errno;
    }
}
