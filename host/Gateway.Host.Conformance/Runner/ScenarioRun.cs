using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Conformance.Targets;
using Gateway.Host.Memory;
using Gateway.Host.Wire;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Conformance.Runner;

/// <summary>A clock the runner moves by hand (the <c>advance</c> step), so lingers never depend on real time.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>
/// One scenario in one session: the memory manager over a <see cref="TracingChannel"/> on the session's
/// channel, the names earlier steps bound, and the step-by-step execution with its checks.
/// </summary>
internal sealed class ScenarioRun : IExprContext
{
    /// <summary>Coids for <c>"coid": "new"</c> raw messages from pid 1 (above the memory manager's fresh coids' range in practice).</summary>
    private const int FirstRawMmCoid = 0x60000000;

    private static readonly HashSet<string> Refusable = new(StringComparer.Ordinal)
    {
        Ops.Open, Ops.Mmap, Ops.MmapDeviceMemory, Ops.Mprotect, Ops.Raw,
    };

    private readonly Scenario scenario;
    private readonly ManualTimeProvider time;
    private readonly BoardFacts facts;
    private readonly RunnerOptions options;
    private readonly Dictionary<string, ulong> inodes;

    // The session and what lives in it; a new_session step replaces them all.
    private ITargetSession session;
    private RecordingChannel recorder;
    private MemoryManager mm;
    private HarnessReader reader;
    private ReplyJudge judge;
    private readonly Dictionary<(string Kind, string Name), object> bindings = new();
    private readonly Dictionary<string, StatusSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<int, CredInfo> creds = new();
    private readonly List<BoardEvent> pendingEvents = new();

    /// <summary>The running counters of the events received in this session, by source (for the lost-event count).</summary>
    private readonly Dictionary<int, HashSet<long>> received = new();
    private int iteration = -1;
    private int stepMark;
    private int nextRawMmCoid = FirstRawMmCoid;

    public ScenarioRun(Scenario scenario, ITargetSession session, RecordingChannel recorder, MemoryManager mm, ManualTimeProvider time,
        HarnessReader reader, BoardFacts facts, Dictionary<string, ulong> inodes, RunnerOptions options)
    {
        this.scenario = scenario;
        this.session = session;
        this.recorder = recorder;
        this.mm = mm;
        this.time = time;
        this.reader = reader;
        this.facts = facts;
        this.options = options;
        this.inodes = inodes;
        creds[1] = MemoryManager.RootCred();
        judge = NewJudge();
    }

    /// <summary>The session the scenario is in now (a <c>new_session</c> step moves it on); the runner disposes it.</summary>
    public ITargetSession Session => session;

    private ReplyJudge NewJudge() => new(facts, reader, pid => creds.GetValueOrDefault(pid) ?? mm.Process(pid)?.Cred, inodes);

    public async Task SpawnAsync(ProcessDecl p)
    {
        CredInfo cred = Cred(p);
        creds[p.Pid] = cred;
        await mm.SpawnAsync(p.Pid, cred, p.Is64Bit).ConfigureAwait(false);
    }

    private static CredInfo Cred(ProcessDecl p)
    {
        var c = new CredInfo { Ruid = p.Uid, Euid = p.Euid, Suid = p.Euid, Rgid = p.Gid, Egid = p.Egid, Sgid = p.Egid, Ngroups = (uint)p.Groups.Count };
        for (int i = 0; i < p.Groups.Count; i++)
        {
            c.Grouplist[i] = p.Groups[i];
        }

        return c;
    }

    // ---- placeholders -------------------------------------------------------------------------------------

    public bool TryResolve(Placeholder placeholder, out object value, out string error)
    {
        error = "";
        switch (placeholder.Kind)
        {
            case "i":
                value = (ulong)Math.Max(0, iteration);
                if (iteration < 0)
                {
                    error = "{i} is only defined inside a repeat step";
                    return false;
                }

                return true;
            case "map":
            case "info":
            case "stat":
                JsonNode? n;
                if (placeholder.Kind == "stat")
                {
                    // {stat:NAME.st_mtime}: a field of the stat a stat or mmap step named NAME saw.
                    int dot = placeholder.Name.IndexOf('.', StringComparison.Ordinal);
                    n = dot > 0 && bindings.TryGetValue(("stat", placeholder.Name[..dot]), out object? st) && st is JsonNode sn
                        ? BoardFacts.Lookup(sn, placeholder.Name[(dot + 1)..])
                        : null;
                }
                else
                {
                    n = BoardFacts.Lookup(placeholder.Kind == "map" ? facts.Map : facts.Info, placeholder.Name);
                }

                if (n is JsonValue v)
                {
                    if (v.TryGetValue(out string? s))
                    {
                        value = s;
                        return true;
                    }

                    if (Pattern.TryNumber(v, out ulong u))
                    {
                        value = u;
                        return true;
                    }

                    if (v.TryGetValue(out bool b))
                    {
                        value = b ? 1UL : 0UL;
                        return true;
                    }
                }

                value = 0UL;
                error = placeholder.Kind == "stat"
                    ? $"{placeholder}: no stat step named '{placeholder.Name.Split('.')[0]}' saw that field"
                    : $"{placeholder}: /fw/{placeholder.Kind} has no value at '{placeholder.Name}'";
                return false;
            default:
                if (bindings.TryGetValue((placeholder.Kind, placeholder.Name), out object? bound))
                {
                    value = bound;
                    return true;
                }

                value = 0UL;
                error = $"{placeholder} has no value: no earlier step named '{placeholder.Name}' produced a {placeholder.Kind} (or it failed)";
                return false;
        }
    }

    public ulong Dynamic(string symbol) => symbol switch
    {
        Symbols.StatFormPreferredFlags => MmapReplyFlags.StatFormToFlags(facts.PreferredForm),
        Symbols.StatFormPreferred => (ulong)facts.PreferredForm,
        Symbols.StatSizePreferred => (ulong)StatForm.SizeOf(facts.PreferredForm),
        _ => throw new ScenarioRunException($"unknown symbol {symbol}"),
    };

    private void Bind(string kind, string? name, object value)
    {
        if (name != null)
        {
            bindings[(kind, name)] = value;
        }
    }

    private ulong Eval(Step step, string key, ulong fallback) => step.Arg(key) is Expr e ? e.Evaluate(this) : fallback;

    private ulong Eval(Step step, string key) => step.Arg(key) is Expr e ? e.Evaluate(this) : throw new ScenarioRunException($"{key} is missing");

    private ClientProcess Process(Step step)
    {
        int pid = (int)Eval(step, "pid");
        return mm.Process(pid) ?? throw new ScenarioRunException($"pid {pid} is not a process of this scenario (declare it in \"processes\" or with a declare step)");
    }

    // ---- steps ---------------------------------------------------------------------------------------------

    /// <summary>Runs a step (a repeat runs its body); results are appended to <paramref name="results"/>.</summary>
    public async Task RunStepAsync(Step step, string id, List<StepResult> results, CancellationToken ct)
    {
        if (step.Op == Ops.Repeat && step.Skip == null)
        {
            var outer = NewResult(step, id);
            ulong times;
            try
            {
                times = Eval(step, "times");
            }
            catch (ScenarioRunException e)
            {
                outer.AddForRules("run", "the step runs", e.Message, false);
                results.Add(outer);
                return;
            }

            int saved = iteration;
            for (int i = 0; i < (int)Math.Min(times, 100_000); i++)
            {
                iteration = i;
                foreach (Step inner in step.Body)
                {
                    await RunStepAsync(inner, $"{id}.{inner.Index}[{i}]", results, ct).ConfigureAwait(false);
                }
            }

            iteration = saved;
            return;
        }

        StepResult r = NewResult(step, id);
        results.Add(r);
        if (step.Skip != null)
        {
            r.Skipped = true;
            r.Note = step.Skip;
            return;
        }

        int mark = recorder.Count;
        stepMark = mark;
        StatusSnapshot? before = null;
        try
        {
            bool expectsRefusal = step.Expect.Errno is Expr ee && ee.Evaluate(this) != 0;
            if (expectsRefusal && Refusable.Contains(step.Op))
            {
                try
                {
                    before = await reader.StatusAsync(ct).ConfigureAwait(false);
                }
                catch (System.IO.IOException e)
                {
                    // A full OCB table (ENFILE scenarios) leaves no OCB for the harness: the count check is skipped.
                    r.Note = $"no /fw/status snapshot before the step ({e.Message}): refusal counts not compared";
                }
            }

            RecordingChannel stepRecorder = recorder;
            int observed = await ExecuteAsync(step, r, ct).ConfigureAwait(false);
            IReadOnlyList<RecordedMessage> messages = ReferenceEquals(stepRecorder, recorder) ? recorder.Since(mark) : Array.Empty<RecordedMessage>();
            r.Messages.AddRange(messages.Select(m => new MessageRecord(m.Pid, m.Coid, m.Kind, m.Reply.ToString())));
            if (step.Expect.Messages is MessagesExpectation me)
            {
                CheckMessages(step, r, me, messages);
            }

            await judge.JudgeAsync(messages, r, ct).ConfigureAwait(false);
            // A refusal changes no count (§4): judged when every message of the step was refused (a step whose
            // memory manager also opened something, e.g. its own /dev/mem fd, changed counts by that success).
            if (before != null && observed != 0 && messages.Count > 0 && messages.All(m => m.Reply.IsError))
            {
                StatusSnapshot after = await reader.StatusAsync(ct).ConfigureAwait(false);
                IReadOnlyList<string> changes = after.ChangesSince(before);
                r.Add(ReplyJudge.Rule, "refusal-changes-nothing", "no file's counts change (/fw/status)",
                    changes.Count == 0 ? "unchanged" : string.Join("; ", changes), changes.Count == 0);
            }
        }
        catch (ScenarioRunException e)
        {
            r.Messages.AddRange(recorder.Since(mark).Select(m => new MessageRecord(m.Pid, m.Coid, m.Kind, m.Reply.ToString())));
            r.AddForRules("run", "the step runs", e.Message, false);
        }
        catch (System.IO.IOException e)
        {
            r.AddForRules("run", "the harness reads /fw/status", e.Message, false);
        }
    }

    private StepResult NewResult(Step step, string id) => new()
    {
        Index = step.Index,
        Id = id,
        Name = step.Name,
        Op = step.Op,
        Rules = step.Rules.Count > 0 ? step.Rules : scenario.Rules,
    };

    /// <summary>Runs one operation; returns the errno it observed (0 on success) for the refusal check.</summary>
    private async Task<int> ExecuteAsync(Step step, StepResult r, CancellationToken ct)
    {
        Expectation x = step.Expect;
        switch (step.Op)
        {
            case Ops.Declare:
            {
                int pid = (int)Eval(step, "pid");
                int uid = (int)Eval(step, "uid");
                int gid = (int)Eval(step, "gid", (ulong)uid);
                var groups = Enumerable.Range(0, (int)Eval(step, "ngroups", 0)).Select(i => (int)Eval(step, "g" + i)).ToList();
                var decl = new ProcessDecl(pid, uid, gid, (int)Eval(step, "euid", (ulong)uid), (int)Eval(step, "egid", (ulong)gid), groups, Eval(step, "bits", 64) == 64);
                CredInfo cred = Cred(decl);
                int e = await recorder.DeclareDirectAsync(pid, cred, decl.Is64Bit, ct).ConfigureAwait(false);
                CheckErrno(step, r, e);
                if (e == 0 && mm.Process(pid) == null)
                {
                    creds[pid] = cred;
                    await mm.SpawnAsync(pid, cred, decl.Is64Bit).ConfigureAwait(false);
                }

                return e;
            }

            case Ops.Open:
            {
                ClientProcess p = Process(step);
                string path = step.Path!.Evaluate(this);
                QnxResult res = await p.OpenAsync(path, (uint)Eval(step, "oflag", 0), (uint)Eval(step, "mode", 0), (ushort)Eval(step, "sflag", 0)).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                if (res.Ok)
                {
                    Bind("fd", step.As, (ulong)res.Value);
                    Bind("coid", step.As, (ulong)res.Value);
                    CheckValue(step, r, "fd", (ulong)res.Value);
                }

                return res.Errno;
            }

            case Ops.Close:
            {
                QnxResult res = await Process(step).CloseAsync((int)Eval(step, "fd")).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                return res.Errno;
            }

            case Ops.Mmap:
            case Ops.MmapDeviceMemory:
            {
                ClientProcess p = Process(step);
                ulong len = Eval(step, "length");
                uint prot = (uint)Eval(step, "prot");
                MmapResult res = step.Op == Ops.Mmap
                    ? await p.MmapAsync(Eval(step, "addr", 0), len, prot, (uint)Eval(step, "flags"), (int)(long)Eval(step, "fd", unchecked((ulong)-1L)), (long)Eval(step, "offset", 0)).ConfigureAwait(false)
                    : await p.MmapDeviceMemoryAsync(len, prot, (uint)Eval(step, "flags", 0), Eval(step, "physical")).ConfigureAwait(false);
                if (res.Ok)
                {
                    Bind("addr", step.As, res.Address);
                    Bind("len", step.As, len);
                    Bind("coid", step.As, (ulong)res.ReturnedCoid);
                    if (res.Stat != null)
                    {
                        Bind("ino", step.As, res.Stat.Ino);
                    }
                }

                CheckMmap(step, r, res, recorder.Since(stepMark));

                return res.Errno;
            }

            case Ops.Munmap:
            {
                QnxResult res = await Process(step).MunmapAsync(Eval(step, "addr"), Eval(step, "length")).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                return res.Errno;
            }

            case Ops.Msync:
            {
                QnxResult res = await Process(step).MsyncAsync(Eval(step, "addr"), Eval(step, "length"), (uint)Eval(step, "flags")).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                return res.Errno;
            }

            case Ops.Mprotect:
            {
                QnxResult res = await Process(step).MprotectAsync(Eval(step, "addr"), Eval(step, "length"), (uint)Eval(step, "prot")).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                return res.Errno;
            }

            case Ops.Load:
            case Ops.Store:
            {
                ClientProcess p = Process(step);
                ulong addr = Eval(step, "addr");
                MemoryAccess a;
                if (step.Op == Ops.Load)
                {
                    a = step.Arg("width") != null
                        ? await p.LoadAsync(addr, (int)Eval(step, "width")).ConfigureAwait(false)
                        : await p.LoadBytesAsync(addr, (int)Eval(step, "count")).ConfigureAwait(false);
                }
                else
                {
                    a = step.Bytes != null
                        ? await p.StoreBytesAsync(addr, step.Bytes.Evaluate(this)).ConfigureAwait(false)
                        : await p.StoreAsync(addr, (int)Eval(step, "width"), Eval(step, "value")).ConfigureAwait(false);
                }

                string wantSignal = x.TextOf("signal") ?? "none";
                string gotSignal = a.Signal switch { Signal.None => "none", Signal.Segv => "SIGSEGV", _ => "SIGBUS" };
                r.AddForRules("signal", wantSignal, a.Signal == Signal.Bus ? $"SIGBUS ({ErrnoText(a.Errno)})" : gotSignal, wantSignal == gotSignal);
                if (x.Errno is Expr ex)
                {
                    ulong want = ex.Evaluate(this);
                    r.AddForRules("errno", ErrnoText((int)want), ErrnoText(a.Errno), (ulong)a.Errno == want);
                }

                if (a.Ok && step.Op == Ops.Load)
                {
                    Bind("value", step.As, a.Bytes != null ? (object)HexText.Format(a.Bytes) : a.Value);
                    // "mask": only these bits are compared (e.g. one pin of a GPIO register).
                    ulong mask = x.Value("mask") is Expr me ? me.Evaluate(this) : ulong.MaxValue;
                    CheckValue(step, r, "value", a.Value & mask);
                    if (x.Bytes != null)
                    {
                        byte[] want = x.Bytes.Evaluate(this);
                        byte[] got = a.Bytes ?? Array.Empty<byte>();
                        r.AddForRules("bytes", HexText.Format(want), HexText.Format(got), want.AsSpan().SequenceEqual(got));
                    }
                }

                return a.Signal == Signal.None ? 0 : a.Errno == 0 ? -1 : a.Errno;
            }

            case Ops.Read:
            {
                ClientProcess p = Process(step);
                long? offset = step.Arg("offset") != null ? (long)Eval(step, "offset") : null;
                (QnxResult res, byte[] data) = await p.ReadAsync((int)Eval(step, "fd"), (int)Eval(step, "nbytes"), offset).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                if (res.Ok)
                {
                    Bind("value", step.As, (ulong)data.Length);
                    CheckValue(step, r, "count", (ulong)data.Length);
                    if (x.Bytes != null)
                    {
                        byte[] want = x.Bytes.Evaluate(this);
                        r.AddForRules("bytes", HexText.Format(want), HexText.Format(data), want.AsSpan().SequenceEqual(data));
                    }

                    if (x.TextOf("text") is string text)
                    {
                        string got = Encoding.UTF8.GetString(data);
                        r.AddForRules("text", $"contains \"{text}\"", Shorten(got), got.Contains(text, StringComparison.Ordinal));
                    }

                    if (x.PatternOf("json") is Pattern jp)
                    {
                        JsonNode? json = null;
                        try
                        {
                            json = JsonNode.Parse(data);
                        }
                        catch (JsonException)
                        {
                        }

                        MatchPattern(step, r, "json", jp, json);
                    }
                }

                return res.Errno;
            }

            case Ops.Write:
            {
                ClientProcess p = Process(step);
                long? offset = step.Arg("offset") != null ? (long)Eval(step, "offset") : null;
                byte[] data = step.Bytes != null ? step.Bytes.Evaluate(this) : Encoding.UTF8.GetBytes(step.Text!);
                QnxResult res = await p.WriteAsync((int)Eval(step, "fd"), data, offset).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                if (res.Ok)
                {
                    CheckValue(step, r, "count", (ulong)res.Value);
                }

                return res.Errno;
            }

            case Ops.Stat:
            {
                ClientProcess p = Process(step);
                (QnxResult res, byte[] body) = await p.StatAsync((int)Eval(step, "fd"), (uint)Eval(step, "format", 0)).ConfigureAwait(false);
                CheckErrno(step, r, res.Errno);
                if (res.Ok)
                {
                    CheckValue(step, r, "size", (ulong)body.Length);
                    JsonNode? json = StatJson(body);
                    if (json != null)
                    {
                        Bind("stat", step.As, json);
                    }

                    if (json?["st_ino"] is JsonNode ino && Pattern.TryNumber(ino, out ulong inoValue))
                    {
                        Bind("ino", step.As, inoValue);
                    }

                    if (x.PatternOf("stat") is Pattern sp)
                    {
                        MatchPattern(step, r, "stat", sp, json);
                    }
                }

                return res.Errno;
            }

            case Ops.Raw:
                return await RawAsync(step, r, ct).ConfigureAwait(false);

            case Ops.Status:
            {
                StatusSnapshot snap = await reader.StatusAsync(ct).ConfigureAwait(false);
                if (step.As != null)
                {
                    snapshots[step.As] = snap;
                }

                if (x.PatternOf("files") is Pattern fp)
                {
                    var files = new JsonObject();
                    foreach (JsonNode? f in snap.Json["files"]?.AsArray() ?? new JsonArray())
                    {
                        if ((string?)f?["path"] is string path)
                        {
                            files[path] = f!.DeepClone();
                        }
                    }

                    MatchPattern(step, r, "files", fp, files);
                }

                if (x.PatternOf("json") is Pattern jp)
                {
                    MatchPattern(step, r, "json", jp, snap.Json);
                }

                if (x.PatternOf("events") is Pattern ep)
                {
                    MatchPattern(step, r, "events", ep, snap.Json["events"]);
                }

                if (x.Value("ocbs_in_use") is Expr oe)
                {
                    // The harness's own /fw/status OCB is open while the snapshot is taken: left out.
                    long inUse = ((long?)snap.Json["ocbs"]?["in_use"] ?? 0) - 1;
                    ulong want = oe.Evaluate(this);
                    r.AddForRules("ocbs_in_use", Values.Show(oe, want), inUse.ToString(CultureInfo.InvariantCulture), (ulong)inUse == want);
                }

                if (x.TextOf("unchanged_since") is string since)
                {
                    if (!snapshots.TryGetValue(since, out StatusSnapshot? old))
                    {
                        throw new ScenarioRunException($"no earlier status step named '{since}'");
                    }

                    IReadOnlyList<string> changes = snap.ChangesSince(old);
                    r.AddForRules("unchanged_since", $"the counts of status '{since}'", changes.Count == 0 ? "unchanged" : string.Join("; ", changes), changes.Count == 0);
                }

                return 0;
            }

            case Ops.WaitEvent:
                await WaitEventAsync(step, r, ct).ConfigureAwait(false);
                return 0;

            case Ops.NewSession:
                await NewSessionAsync(step, r, ct).ConfigureAwait(false);
                return 0;

            case Ops.Advance:
            {
                var by = TimeSpan.FromMilliseconds(Eval(step, "ms"));
                await session.AdvanceAsync(by, ct).ConfigureAwait(false);
                time.Advance(by);
                await mm.ExpireLingersAsync().ConfigureAwait(false);
                return 0;
            }

            default:
                throw new ScenarioRunException($"operation {step.Op} is not implemented");
        }
    }

    /// <summary>
    /// RM-5: ends the session (the host's CLOSE, or a new session presenting the same host id) and continues in a new
    /// one on the same board: a new memory manager, the scenario's processes declared again. Names bound earlier keep
    /// their values (an fd of the old session is only a number now); <c>status</c> snapshots stay comparable.
    /// </summary>
    private async Task NewSessionAsync(Step step, StepResult r, CancellationToken ct)
    {
        SessionEnd how = step.Text == "replace" ? SessionEnd.Replace : SessionEnd.Close;
        string bootId = session.BootId;
        SessionHandover handover;
        try
        {
            handover = await session.ContinueAsync(how, ct).ConfigureAwait(false);
        }
        catch (NotSupportedException e)
        {
            throw new ScenarioSkippedException(e.Message);
        }

        session = handover.Next;
        if (session.BootId != bootId)
        {
            throw new BoardResetException(bootId, session.BootId);
        }

        string want = step.Expect.TextOf("ended") ?? (how == SessionEnd.Replace ? "replaced" : "closed");
        bool ended = handover.OldSessionEnd == want || handover.OldSessionEnd.StartsWith(want + " (", StringComparison.Ordinal);
        r.AddForRules("old-session-ended", want, handover.OldSessionEnd, ended);
        recorder = new RecordingChannel(session.Channel);
        mm = new MemoryManager(new TracingChannel(recorder), new MemoryManagerOptions { Time = time, Linger = options.Linger });
        await mm.StartAsync().ConfigureAwait(false);
        reader = new HarnessReader(session.Channel);
        judge = NewJudge();
        pendingEvents.Clear();
        received.Clear();
        nextRawMmCoid = FirstRawMmCoid;
        stepMark = recorder.Count;
        foreach (ProcessDecl p in scenario.Processes)
        {
            await SpawnAsync(p).ConfigureAwait(false);
        }

        r.Note = $"continued in a new session ({session.Description}); the old one ended: {handover.OldSessionEnd}";
    }

    private async Task<int> RawAsync(Step step, StepResult r, CancellationToken ct)
    {
        Expectation x = step.Expect;
        int pid = (int)Eval(step, "pid");
        int coid;
        if (step.NewCoid)
        {
            if (pid == 1)
            {
                coid = nextRawMmCoid++;
            }
            else
            {
                ClientProcess p = mm.Process(pid) ?? throw new ScenarioRunException($"pid {pid} is not a process of this scenario, so it has no fds to choose from (give a coid)");
                coid = ClientProcess.FirstFd;
                while (p.Fds.Contains(coid))
                {
                    coid++;
                }
            }
        }
        else
        {
            coid = (int)Eval(step, "coid");
        }

        byte[] message;
        if (step.Bytes != null)
        {
            message = step.Bytes.Evaluate(this);
        }
        else
        {
            WireSpec w = step.Wire!;
            JsonNode fields = WireDefaults.Apply(w.Type, w.Fields.Materialize(this));
            try
            {
                using JsonDocument doc = JsonDocument.Parse(fields.ToJsonString());
                message = WireTypes.Find(w.Type)!.Encode(doc.RootElement, new WireOptions(WireTypes.FormFromName(w.Form)));
            }
            catch (WireInputException e)
            {
                throw new ScenarioRunException($"wire.fields: {e.Message}");
            }
        }

        // Through the memory manager's own channel, so the message is traced like any other of the session.
        BoardReply reply = await recorder.SendAsync(pid, coid, message, ct).ConfigureAwait(false);
        int errno = reply.IsError ? reply.Value : 0;
        CheckErrno(step, r, errno);
        Bind("coid", step.As, (ulong)coid);
        Bind("fd", step.As, (ulong)coid);
        if (!reply.IsError)
        {
            Bind("value", step.As, (ulong)reply.Value);
            if (message.Length >= 2 && message[0] == 0x00 && message[1] == 0x01 && pid != 1 && mm.Process(pid) is ClientProcess p)
            {
                p.MarkFdUsed(coid); // an _IO_CONNECT that bound this coid (behaviour.md §5)
            }

            if (message.Length >= 2 && BitConverter.ToUInt16(message, 0) == IoMessageType.Mmap && reply.Body.Length >= IoMmapReply.Size)
            {
                var plain = new IoMmapReply();
                plain.Decode(reply.Body, 0, reply.Body.Length);
                Bind("value", step.As, (ulong)plain.Coid);
            }

            CheckValue(step, r, "status", (ulong)(long)reply.Value);
            CheckValue(step, r, "reply_size", (ulong)reply.Body.Length);
            if (x.Bytes != null)
            {
                byte[] want = x.Bytes.Evaluate(this);
                r.AddForRules("reply_hex", HexText.Format(want), HexText.Format(reply.Body), want.AsSpan().SequenceEqual(reply.Body));
            }

            if (x.PatternOf("reply") is Pattern rp)
            {
                JsonNode? json = null;
                if (x.TextOf("reply_type") is string type)
                {
                    json = WireJson.Decode(type, reply.Body, type == "stat" ? StatFormName(reply.Body.Length) : null);
                }
                else if (WireJson.ReplyType(message, reply.Body) is var (t, form))
                {
                    json = WireJson.Decode(t, reply.Body, form);
                }

                MatchPattern(step, r, "reply", rp, json);
            }
        }

        return errno;
    }

    private async Task WaitEventAsync(Step step, StepResult r, CancellationToken ct)
    {
        int source = (int)Eval(step, "source");
        int? code = step.Arg("code") != null ? (int)Eval(step, "code") : null;
        int? value = step.Arg("value") != null ? (int)Eval(step, "value") : null;
        var timeout = TimeSpan.FromMilliseconds(Eval(step, "timeout_ms", (ulong)options.EventTimeout.TotalMilliseconds));
        ulong want = step.Expect.Value("count") is Expr ce ? ce.Evaluate(this) : 1;
        bool Matches(BoardEvent e) => e.Source == source && (code == null || e.Code == code) && (value == null || e.Value == value);

        var got = new List<BoardEvent>();
        got.AddRange(pendingEvents.Where(Matches));
        pendingEvents.RemoveAll(Matches);
        DateTime deadline = DateTime.UtcNow + timeout;
        while ((ulong)got.Count < want)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            BoardEvent? e = await session.NextEventAsync(left, ct).ConfigureAwait(false);
            if (e is not BoardEvent ev)
            {
                break;
            }

            Received(ev);

            if (Matches(ev))
            {
                got.Add(ev);
            }
            else
            {
                pendingEvents.Add(ev);
            }
        }

        // Events already delivered beyond the count are extra (nothing is waited for: they are here or not).
        while (await session.NextEventAsync(TimeSpan.Zero, ct).ConfigureAwait(false) is BoardEvent extra)
        {
            Received(extra);
            if (Matches(extra))
            {
                got.Add(extra);
            }
            else
            {
                pendingEvents.Add(extra);
            }
        }

        string what = $"source {source}{(code != null ? $" code {code}" : "")}{(value != null ? $" value 0x{value:x}" : "")}";
        string observed = $"{got.Count}{(got.Count > 0 ? ": " + string.Join(", ", got.Select(e => $"code {e.Code} value 0x{e.Value:x} #{e.Counter}")) : "")}";
        long lost = (ulong)got.Count < want ? await LostOnTheLinkAsync(source, (long)want, ct).ConfigureAwait(false) : 0;
        if (lost > 0)
        {
            observed += $"; {lost} lost on the link (the board's counter for source {source} shows event(s) this session never received)";
        }

        r.AddForRules("events", $"{want} event(s) {what}", observed, (ulong)(got.Count + lost) == want);
    }

    private void Received(BoardEvent e)
    {
        if (!received.TryGetValue(e.Source, out HashSet<long>? counters))
        {
            received[e.Source] = counters = new HashSet<long>();
        }

        counters.Add(e.Counter);
    }

    /// <summary>
    /// behaviour.md §4: on a lossy link the host may receive fewer event frames, but only by the gaps it can tell —
    /// here the board's own running counter for the source (/fw/status "events"): of the last <paramref name="want"/>
    /// events it raised, those this session never received were lost on the way (event frames are not retransmitted).
    /// </summary>
    private async Task<long> LostOnTheLinkAsync(int source, long want, CancellationToken ct)
    {
        StatusSnapshot status = await reader.StatusAsync(ct).ConfigureAwait(false);
        JsonNode? entry = status.Json["events"]?.AsArray().FirstOrDefault(e => (long?)e?["source"] == source);
        long raised = (long?)entry?["count"] ?? 0;
        HashSet<long> seen = received.GetValueOrDefault(source) ?? new HashSet<long>();
        long lost = 0;
        for (long k = Math.Max(1, raised - want + 1); k <= raised; k++)
        {
            if (!seen.Contains(k))
            {
                lost++;
            }
        }

        return lost;
    }

    // ---- checks --------------------------------------------------------------------------------------------

    private void CheckErrno(Step step, StepResult r, int observed)
    {
        ulong want = step.Expect.Errno is Expr e ? e.Evaluate(this) : 0;
        r.AddForRules("errno", ErrnoText((int)want), ErrnoText(observed), (ulong)(long)observed == want);
    }

    private void CheckValue(Step step, StepResult r, string key, ulong observed)
    {
        if (step.Expect.Value(key) is Expr e)
        {
            ulong want = e.Evaluate(this);
            r.AddForRules(key, Values.Show(e, want), Values.Number(observed), want == observed);
        }
    }

    private void MatchPattern(Step step, StepResult r, string key, Pattern p, JsonNode? actual)
    {
        if (actual == null)
        {
            r.AddForRules(key, p.Describe(), "nothing to compare (absent or not decodable)", false);
            return;
        }

        var mismatches = new List<string>();
        p.Match(actual, key, this, mismatches);
        r.AddForRules(key, p.Describe(), mismatches.Count == 0 ? "matches" : string.Join("; ", mismatches), mismatches.Count == 0);
    }

    private void CheckMmap(Step step, StepResult r, MmapResult res, IReadOnlyList<RecordedMessage> all)
    {
        Expectation x = step.Expect;
        CheckErrno(step, r, res.Errno);
        if (res.Ok)
        {
            CheckValue(step, r, "address", res.Address);
            CheckValue(step, r, "address_page_offset", res.Address % MemoryManager.PageSize);
        }

        byte[]? body = res.ReplyBytes;
        CheckValue(step, r, "reply_size", (ulong)(body?.Length ?? 0));
        if (res.Reply != null)
        {
            CheckValue(step, r, "allowed_prot", res.Reply.AllowedProt);
            CheckValue(step, r, "coid", (ulong)res.ReturnedCoid);
        }

        if (x.Value("flags") != null)
        {
            CheckValue(step, r, "flags", res.ReplyExt?.Flags ?? 0);
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

        if (x.PatternOf("reply") is Pattern rp)
        {
            JsonNode? json = body == null ? null : WireJson.Decode(body.Length == IoMmapReply.Size ? "mmap-reply" : "mmap-reply-ext", body);
            MatchPattern(step, r, "reply", rp, json);
        }

        if (x.PatternOf("stat") is Pattern sp)
        {
            JsonNode? stat = null;
            if (res.StatFromReply && body?.Length == IoMmapReplyExt.Size)
            {
                stat = WireJson.Decode("mmap-reply-ext", body)?["extended"]?["stat"];
            }
            else
            {
                RecordedMessage? st = all.LastOrDefault(m => m.Kind == "_IO_STAT" && m.Pid == 1 && !m.Reply.IsError);
                if (st != null)
                {
                    stat = StatJson(st.Reply.Body);
                }
            }

            MatchPattern(step, r, "stat", sp, stat);
        }
    }

    private void CheckMessages(Step step, StepResult r, MessagesExpectation me, IReadOnlyList<RecordedMessage> messages)
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
                MatchMessage(seq[i], messages[i], $"[{i}]", problems);
            }

            string expected = seq.Count == 0 ? "none" : string.Join(", ", seq.Select(s => s.Kind));
            r.AddForRules("messages", expected, problems.Count == 0 ? observed : $"{observed} ({string.Join("; ", problems)})", problems.Count == 0);
            return;
        }

        var want = new List<string>();
        if (me.Count is Expr c)
        {
            ulong n = c.Evaluate(this);
            want.Add($"{n} message(s)");
            if ((ulong)messages.Count != n)
            {
                problems.Add($"{messages.Count} message(s)");
            }
        }

        if (me.Min is Expr mn)
        {
            ulong n = mn.Evaluate(this);
            want.Add($"at least {n}");
            if ((ulong)messages.Count < n)
            {
                problems.Add($"only {messages.Count}");
            }
        }

        if (me.Max is Expr mx)
        {
            ulong n = mx.Evaluate(this);
            want.Add($"at most {n}");
            if ((ulong)messages.Count > n)
            {
                problems.Add($"{messages.Count}");
            }
        }

        if (me.Types is IReadOnlyList<string> types)
        {
            want.Add("only " + string.Join(", ", types));
            foreach (RecordedMessage m in messages.Where(m => !types.Contains(m.Kind)))
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
                    MatchMessage(inc, messages[at], "", p);
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

    private void MatchMessage(MessageExpectation want, RecordedMessage got, string at, List<string> problems)
    {
        if (!string.Equals(want.Kind, got.Kind, StringComparison.Ordinal))
        {
            problems.Add($"{at} is {got.Kind}, expected {want.Kind}");
            return;
        }

        if (want.Pid is Expr pid && pid.Evaluate(this) != (ulong)got.Pid)
        {
            problems.Add($"{at} {got.Kind} from pid {got.Pid}, expected {pid.Evaluate(this)}");
        }

        if (want.Coid is Expr coid && coid.Evaluate(this) != (ulong)got.Coid)
        {
            problems.Add($"{at} {got.Kind} on coid 0x{got.Coid:x}, expected 0x{coid.Evaluate(this):x}");
        }

        if (want.Errno is Expr errno && errno.Evaluate(this) != (ulong)got.Reply.Errno)
        {
            problems.Add($"{at} {got.Kind} answered {ErrnoText(got.Reply.Errno)}, expected {ErrnoText((int)errno.Evaluate(this))}");
        }

        if (want.Status is Expr status && (got.Reply.IsError || status.Evaluate(this) != (ulong)(long)got.Reply.Value))
        {
            problems.Add($"{at} {got.Kind} answered {got.Reply}, expected status {status.Evaluate(this)}");
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
                fields.Match(json, "", this, mismatches);
                problems.AddRange(mismatches.Select(m => $"{at} {got.Kind} {m}"));
            }
        }
    }

    private static JsonNode? StatJson(byte[] body) => StatFormName(body.Length) is string form ? WireJson.Decode("stat", body, form) : null;

    private static string? StatFormName(int size) => StatForm.FromSize(size) switch
    {
        StatForm.T32_2001 => "t32_2001",
        StatForm.T32_2008 => "t32_2008",
        StatForm.T64_2008 => "t64_2008",
        _ => null,
    };

    public static string ErrnoText(int errno) => errno == 0 ? "EOK (0)" : $"{Errno.Name(errno) ?? "errno"} ({errno})";

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
