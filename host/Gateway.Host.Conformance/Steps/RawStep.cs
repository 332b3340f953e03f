using System;
using System.Buffers;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Runner;
using Gateway.Host.Memory;
using Gateway.Host.Wire;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Conformance.Steps;

/// <summary>
/// <c>raw</c>: sends a message as given — hex, or the JSON of <c>wire encode</c> — from a pid on a coid (or
/// <c>"new"</c>: the process's lowest free fd, or a fresh coid of the memory manager), through the memory manager's
/// channel so it is traced like any other. The reply is checked by status, size, bytes or decoded fields.
/// </summary>
internal sealed class RawStep() : StepKind("raw", new StepSchema(
    new[] { ("pid", FieldKind.Expr), ("coid", FieldKind.ExprOrNew), ("hex", FieldKind.Bytes), ("wire", FieldKind.Wire), ("as", FieldKind.Name) },
    new[] { "coid" },
    new[]
    {
        ("errno", FieldKind.Expr), ("status", FieldKind.Expr), ("reply_size", FieldKind.Expr), ("reply_hex", FieldKind.Bytes), ("reply", FieldKind.Pattern),
        ("reply_type", FieldKind.WireType),
    }))
{
    public override bool Refusable => true;

    internal override void Check(Step step, ScenarioObject o)
    {
        if ((step.Bytes == null) == (step.Wire == null))
        {
            throw o.Fail("hex", "a raw step gives exactly one of hex and wire");
        }
    }

    internal override async Task<int> ExecuteAsync(Step step, ScenarioRun run, StepResult r, CancellationToken ct)
    {
        Expectation x = step.Expect;
        int pid = (int)run.Eval(step, "pid");
        int coid = Coid(step, run, pid);
        byte[] message = Message(step, run);
        SessionState session = run.Current;
        BoardReply reply = await session.Recorder.SendAsync(pid, coid, message, ct).ConfigureAwait(false);
        if (pid == 1)
        {
            // Raw messages sent as pid 1 are the memory manager's own: a later mmap() may name this coid (RM-15, MM-6).
            session.Mm.AdoptOwnCoid(coid);
        }

        int errno = reply.IsError ? reply.Value : 0;
        run.Checks.Errno(step, r, errno);
        run.Bind("coid", step.As, (ulong)coid);
        run.Bind("fd", step.As, (ulong)coid);
        if (reply.IsError)
        {
            return errno;
        }

        run.Bind("value", step.As, (ulong)reply.Value);
        int type = Codec.PeekType(message, 0, message.Length);
        if (pid != 1 && session.Mm.Process(pid) is ClientProcess p)
        {
            // Only what binds an OCB uses an fd (rules.md §5): an open, or a connect whose OCB stays for the
            // messages after it — not COMBINE_CLOSE (a stat by path), unlink, readlink…; an _IO_CLOSE frees it.
            if (type == IoMessageType.Connect && message.Length >= IoConnect.OffSubtype + 2
                && LittleEndian.ReadU16(message, IoConnect.OffSubtype) is ConnectSubtype.Open or ConnectSubtype.Combine)
            {
                p.MarkFdUsed(coid);
            }
            else if (type == IoMessageType.Close)
            {
                p.MarkFdFree(coid);
            }
        }

        if (type == IoMessageType.Mmap && reply.Body.Length >= IoMmapReply.Size)
        {
            var plain = new IoMmapReply();
            plain.Decode(reply.Body, 0, reply.Body.Length);
            run.Bind("value", step.As, (ulong)plain.Coid);
        }

        run.Checks.Value(step, r, "status", (ulong)(long)reply.Value);
        run.Checks.Value(step, r, "reply_size", (ulong)reply.Body.Length);
        StepChecks.Observe(r, "reply_hex", System.Text.Json.Nodes.JsonValue.Create(HexText.Format(reply.Body)));
        if (x.Bytes != null)
        {
            run.Checks.Bytes(r, "reply_hex", x.Bytes, reply.Body);
        }

        JsonNode? json = null;
        if (x.TextOf("reply_type") is string replyType)
        {
            json = WireJson.Decode(replyType, reply.Body, replyType == "stat" ? WireJson.StatFormName(reply.Body.Length) : null);
        }
        else if (WireJson.ReplyType(message, reply.Body) is var (t, form))
        {
            json = WireJson.Decode(t, reply.Body, form);
        }

        StepChecks.Observe(r, "reply", json);
        if (x.PatternOf("reply") is Pattern rp)
        {
            run.Checks.Pattern(r, "reply", rp, json);
        }

        return errno;
    }

    private static int Coid(Step step, ScenarioRun run, int pid)
    {
        if (!step.NewCoid)
        {
            return (int)run.Eval(step, "coid");
        }

        if (pid == 1)
        {
            return run.Current.NextRawMmCoid();
        }

        ClientProcess p = run.Current.Mm.Process(pid) ?? throw new ScenarioRunException($"pid {pid} is not a process of this scenario, so it has no fds to choose from (give a coid)");
        int coid = ClientProcess.FirstFd;
        while (p.Fds.Contains(coid))
        {
            coid++;
        }

        return coid;
    }

    /// <summary>The message's bytes: the hex as given, or the wire JSON with its placeholders filled and its defaults applied, encoded.</summary>
    internal static byte[] Message(Step step, ScenarioRun run)
    {
        if (step.Bytes != null)
        {
            return step.Bytes.Evaluate(run.Names);
        }

        WireSpec w = step.Wire!;
        JsonNode fields = WireDefaults.Apply(w.Type, w.Fields.Materialize(run.Names));
        // The encoder reads a JsonElement with the host's strict reader: the node is written once into a document.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            fields.WriteTo(writer);
        }

        // Expressions evaluate to 64-bit two's complement: a negative value for a signed field (i16 i32 i64) arrives
        // here as a large unsigned one, which the encoder refuses; it is given again as the negative number it is.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(buffer.WrittenMemory);
                return WireTypes.Find(w.Type)!.Encode(doc.RootElement, new WireOptions(WireTypes.FormFromName(w.Form)));
            }
            catch (WireInputException e) when (attempt < 64 && e.Reason.Contains("does not fit in i", StringComparison.Ordinal) && AsSigned(fields, e.Field))
            {
                buffer.Clear();
                using var writer = new Utf8JsonWriter(buffer);
                fields.WriteTo(writer);
            }
            catch (WireInputException e)
            {
                throw new ScenarioRunException($"wire.fields: {e.Message}");
            }
        }
    }

    /// <summary>Rewrites the unsigned number at C member path <paramref name="field"/> as its signed 64-bit value; false when there is none to rewrite.</summary>
    private static bool AsSigned(JsonNode fields, string field)
    {
        JsonNode? parent = null;
        JsonNode? node = fields;
        string leaf = "";
        int leafIndex = -1;
        foreach (string segment in field.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            parent = node;
            if (segment.StartsWith('[') && int.TryParse(segment.AsSpan(1, segment.Length - 2), out int i) && node is JsonArray a && i < a.Count)
            {
                (leaf, leafIndex, node) = ("", i, a[i]);
            }
            else if (node is JsonObject o && o.TryGetPropertyValue(segment, out JsonNode? next))
            {
                (leaf, leafIndex, node) = (segment, -1, next);
            }
            else
            {
                return false;
            }
        }

        if (node is not JsonValue v || !v.TryGetValue(out ulong u) || u <= long.MaxValue)
        {
            return false;
        }

        JsonNode signed = JsonValue.Create(unchecked((long)u));
        if (parent is JsonObject po && leafIndex < 0)
        {
            po[leaf] = signed;
        }
        else if (parent is JsonArray pa && leafIndex >= 0)
        {
            pa[leafIndex] = signed;
        }
        else
        {
            return false;
        }

        return true;
    }
}
