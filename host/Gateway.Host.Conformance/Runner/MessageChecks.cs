using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// The <c>messages</c> expectation: the messages a step sent (every process's and the memory manager's), against an
/// exact sequence or against counts, kinds and messages that must be among them in order.
/// </summary>
internal sealed class MessageChecks(IExprContext names)
{
    public void Check(StepResult r, MessagesExpectation me, IReadOnlyList<SentMessage> messages)
    {
        string observed = messages.Count == 0 ? "none" : string.Join(", ", messages.Select(m => m.Kind));
        var problems = new List<string>();
        if (me.Sequence is IReadOnlyList<MessageExpectation> seq)
        {
            if (seq.Count != messages.Count)
            {
                problems.Add($"{messages.Count} message(s), expected {seq.Count}");
            }

            for (int i = 0; i < Math.Min(seq.Count, messages.Count); i++)
            {
                Match(seq[i], messages[i], $"[{i}]", problems);
            }

            string expected = seq.Count == 0 ? "none" : string.Join(", ", seq.Select(s => s.Kind));
            r.AddForRules("messages", expected, problems.Count == 0 ? observed : $"{observed} ({string.Join("; ", problems)})", problems.Count == 0);
            return;
        }

        var want = new List<string>();
        if (me.Count is Expr c)
        {
            ulong n = c.Evaluate(names);
            want.Add($"{n} message(s)");
            if ((ulong)messages.Count != n)
            {
                problems.Add($"{messages.Count} message(s)");
            }
        }

        if (me.Min is Expr mn)
        {
            ulong n = mn.Evaluate(names);
            want.Add($"at least {n}");
            if ((ulong)messages.Count < n)
            {
                problems.Add($"only {messages.Count}");
            }
        }

        if (me.Max is Expr mx)
        {
            ulong n = mx.Evaluate(names);
            want.Add($"at most {n}");
            if ((ulong)messages.Count > n)
            {
                problems.Add($"{messages.Count}");
            }
        }

        if (me.Types is IReadOnlyList<string> types)
        {
            want.Add("only " + string.Join(", ", types));
            foreach (SentMessage m in messages.Where(m => !types.Contains(m.Kind)))
            {
                problems.Add($"a {m.Kind}");
            }
        }

        if (me.Includes is IReadOnlyList<MessageExpectation> includes)
        {
            want.Add("including " + string.Join(", ", includes.Select(i => i.Kind)));
            int at = 0;
            foreach (MessageExpectation inc in includes)
            {
                bool found = false;
                while (at < messages.Count && !found)
                {
                    var p = new List<string>();
                    Match(inc, messages[at], "", p);
                    found = p.Count == 0;
                    at++;
                }

                if (!found)
                {
                    problems.Add($"no {inc.Kind} matching {inc.Fields?.Describe() ?? "it"} (in order)");
                }
            }
        }

        r.AddForRules("messages", string.Join("; ", want), problems.Count == 0 ? observed : $"{observed} ({string.Join("; ", problems)})", problems.Count == 0);
    }

    private void Match(MessageExpectation want, SentMessage got, string at, List<string> problems)
    {
        if (!string.Equals(want.Kind, got.Kind, StringComparison.Ordinal))
        {
            problems.Add($"{at} is {got.Kind}, expected {want.Kind}");
            return;
        }

        if (want.Pid is Expr pid && Comparison.Judge(pid, (ulong)got.Pid, names) is (false, string wantPid))
        {
            problems.Add($"{at} {got.Kind} from pid {got.Pid}, expected {wantPid}");
        }

        if (want.Coid is Expr coid && Comparison.Judge(coid, (ulong)(uint)got.Coid, names) is (false, string wantCoid))
        {
            problems.Add($"{at} {got.Kind} on coid 0x{got.Coid:x}, expected {wantCoid}");
        }

        if (want.Errno is Expr errno && errno.Evaluate(names) != (ulong)got.Reply.Errno)
        {
            problems.Add($"{at} {got.Kind} answered {StepChecks.ErrnoText(got.Reply.Errno)}, expected {StepChecks.ErrnoText((int)errno.Evaluate(names))}");
        }

        if (want.Status is Expr status && (got.Reply.IsError || Comparison.Judge(status, (ulong)(long)got.Reply.Value, names) is (false, _)))
        {
            problems.Add($"{at} {got.Kind} answered {got.Reply}, expected status {Comparison.Judge(status, 0, names).Expected}");
        }

        if (want.ReplySize is Expr size && Comparison.Judge(size, (ulong)got.Reply.Body.Length, names) is (false, string wantSize))
        {
            problems.Add($"{at} {got.Kind} got a reply of {got.Reply.Body.Length} bytes, expected {wantSize}");
        }

        if (want.Fields is Pattern fields)
        {
            JsonNode? json = WireJson.DecodeRequest(got.Request);
            if (json == null)
            {
                problems.Add($"{at} {got.Kind} does not decode");
            }
            else
            {
                var mismatches = new List<string>();
                fields.Match(json, "", names, mismatches);
                problems.AddRange(mismatches.Select(m => $"{at} {got.Kind} {m}"));
            }
        }
    }
}
