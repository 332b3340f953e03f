using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Threading;
using System;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// What <c>mmap</c> and <c>mmap_device_memory</c> share: the expectations on the mapping and on the board's
/// <c>_IO_MMAP</c> reply as the memory manager judged it, and the names a mapping binds (<c>addr</c>, <c>len</c>,
/// <c>coid</c>, <c>ino</c>).
/// </summary>
internal abstract class MappingStep(string name, IReadOnlyList<(string Key, FieldKind Kind)> args, string[] required) : StepKind(name, new StepSchema(args, required, Expectations))
{
    private static readonly (string, FieldKind)[] Expectations =
    {
        ("errno", FieldKind.Expr), ("address", FieldKind.Expr), ("address_page_offset", FieldKind.Expr), ("allowed_prot", FieldKind.Expr),
        ("reply_size", FieldKind.Expr), ("flags", FieldKind.Expr), ("coid", FieldKind.Expr), ("stat", FieldKind.Pattern), ("reply", FieldKind.Pattern),
        ("retried", FieldKind.Bool), ("stat_from_reply", FieldKind.Bool), ("nonconformance", FieldKind.BoolOrText), ("messages", FieldKind.Messages),
    };

    public override bool Refusable => true;

    /// <summary>Maps as the step says.</summary>
    protected abstract Task<MmapResult> MapAsync(ClientProcess p, Step step, ScenarioRun run, ulong length, uint prot);

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        ClientProcess p = run.Process(step);
        ulong len = run.Eval(step, "length");
        MmapResult res = await MapAsync(p, step, run, len, (uint)run.Eval(step, "prot", 0)).ConfigureAwait(false);
        if (res.Ok)
        {
            run.Bind("addr", step.As, res.Address);
            run.Bind("len", step.As, len);
            run.Bind("coid", step.As, (ulong)res.ReturnedCoid);
            if (res.Stat != null)
            {
                run.Bind("ino", step.As, res.Stat.Ino);
            }
        }

        Check(step, run, r, res, run.StepMessages);
        return res.Errno;
    }

    private static void Check(Step step, ScenarioRun run, StepResult r, MmapResult res, IReadOnlyList<SentMessage> all)
    {
        Expectation x = step.Expect;
        StepChecks checks = run.Checks;
        checks.Errno(step, r, res.Errno);
        if (res.Ok)
        {
            checks.Value(step, r, "address", res.Address);
            checks.Value(step, r, "address_page_offset", res.Address % MemoryManager.PageSize);
        }

        byte[]? body = res.ReplyBytes;
        checks.Value(step, r, "reply_size", (ulong)(body?.Length ?? 0));
        if (res.Reply != null)
        {
            checks.Value(step, r, "allowed_prot", res.Reply.AllowedProt);
            checks.Value(step, r, "coid", (ulong)res.ReturnedCoid);
        }

        if (x.Value("flags") != null || res.ReplyExt != null)
        {
            checks.Value(step, r, "flags", res.ReplyExt?.Flags ?? 0);
        }

        if (x.Flag("retried") is bool retried)
        {
            r.AddForRules("retried", retried ? "retried without PROT_WRITE (MM-3)" : "no retry", res.Retried ? "retried" : "no retry", retried == res.Retried);
        }

        if (x.Flag("stat_from_reply") is bool fromReply && res.Ok)
        {
            r.AddForRules("stat_from_reply", fromReply ? "stat from the extended reply" : "stat from a separate _IO_STAT",
                res.StatFromReply ? "from the reply" : "from _IO_STAT", fromReply == res.StatFromReply);
        }

        if (x.Flag("nonconformance") is bool nc)
        {
            r.AddForRules("nonconformance", nc ? "reported" : "none", res.NonConformance ?? "none", nc == (res.NonConformance != null));
        }
        else if (x.TextOf("nonconformance") is string ncText)
        {
            r.AddForRules("nonconformance", $"contains \"{ncText}\"", res.NonConformance ?? "none", res.NonConformance?.Contains(ncText, StringComparison.Ordinal) == true);
        }

        JsonNode? json = body == null ? null : WireJson.Decode(body.Length == IoMmapReply.Size ? "mmap-reply" : "mmap-reply-ext", body);
        StepChecks.Observe(r, "reply", json);
        if (x.PatternOf("reply") is Pattern rp)
        {
            checks.Pattern(r, "reply", rp, json);
        }

        JsonNode? stat = null;
        if (res.StatFromReply && body?.Length == IoMmapReplyExt.Size)
        {
            stat = json?["extended"]?["stat"];
        }
        else
        {
            SentMessage? st = all.LastOrDefault(m => m.Kind == "_IO_STAT" && m.Pid == 1 && !m.Reply.IsError);
            if (st != null)
            {
                stat = WireJson.Stat(st.Reply.Body);
            }
        }

        StepChecks.Observe(r, "stat", stat);
        if (x.PatternOf("stat") is Pattern sp)
        {
            checks.Pattern(r, "stat", sp, stat);
        }
    }
}
