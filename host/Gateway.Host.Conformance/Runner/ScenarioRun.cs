using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using System.Text.Json.Nodes;
using Gateway.Host.Board;
using Gateway.Host.Conformance.Format;
using Gateway.Host.Conformance.Results;
using Gateway.Host.Memory;
using Gateway.Host.Targets;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// One scenario as it runs: the session it is in (<see cref="SessionState"/>), the names its steps bound
/// (<see cref="Bindings"/>), and each step run by its kind (<see cref="Steps.StepKind"/>) under the checks every step
/// gets — its <c>messages</c> expectation, the reply checks of rules.md §4 (<see cref="ReplyJudge"/>), and for an
/// expected refusal, that no count of <c>/fw/status</c> changed.
/// </summary>
internal sealed class ScenarioRun
{
    private readonly Scenario scenario;
    private readonly BoardFacts facts;
    private readonly Dictionary<string, ulong> inodes;

    /// <summary>The credentials of every pid the scenario declared (and the memory manager's), across sessions.</summary>
    private readonly Dictionary<int, CredInfo> creds = new();

    private SessionState state;
    private ITargetSession session;
    private ReplyJudge judge;

    public ScenarioRun(Scenario scenario, SessionState state, ManualTimeProvider time, BoardFacts facts, Dictionary<string, ulong> inodes, RunnerOptions options)
    {
        this.scenario = scenario;
        this.state = state;
        session = state.Target;
        this.facts = facts;
        this.inodes = inodes;
        Time = time;
        Options = options;
        Names = new Bindings(facts);
        Checks = new StepChecks(Names);
        MessageChecks = new MessageChecks(Names);
        creds[1] = MemoryManager.RootCred();
        judge = NewJudge();
    }

    public Scenario Scenario => scenario;

    /// <summary>The latest session the scenario is in (a <c>new_session</c> step moves it on); the runner disposes it.</summary>
    public ITargetSession Session => session;

    /// <summary>The session's memory manager, recorder, reader and events.</summary>
    public SessionState Current => state;

    public ManualTimeProvider Time { get; }

    public RunnerOptions Options { get; }

    public Bindings Names { get; }

    public StepChecks Checks { get; }

    public MessageChecks MessageChecks { get; }

    /// <summary>The <c>/fw/status</c> snapshots status steps named (<c>unchanged_since</c>).</summary>
    public Dictionary<string, StatusSnapshot> Snapshots { get; } = new(StringComparer.Ordinal);

    /// <summary>The recorder's count when the running step started.</summary>
    public int StepMark { get; private set; }

    /// <summary>Every message the running step has sent so far.</summary>
    public IReadOnlyList<SentMessage> StepMessages => state.Recorder.Since(StepMark);

    public async Task SpawnAsync(ProcessDecl p)
    {
        CredInfo cred = Cred(p);
        creds[p.Pid] = cred;
        await state.Mm.SpawnAsync(p.Pid, cred, p.Is64Bit).ConfigureAwait(false);
    }

    public static CredInfo Cred(ProcessDecl p)
    {
        var c = new CredInfo { Ruid = p.Uid, Euid = p.Euid, Suid = p.Euid, Rgid = p.Gid, Egid = p.Egid, Sgid = p.Egid, Ngroups = (uint)p.Groups.Count };
        for (int i = 0; i < p.Groups.Count; i++)
        {
            c.Grouplist[i] = p.Groups[i];
        }

        return c;
    }

    public ulong Eval(Step step, string key, ulong fallback) => step.Arg(key) is Expr e ? e.Evaluate(Names) : fallback;

    public ulong Eval(Step step, string key) => step.Arg(key) is Expr e ? e.Evaluate(Names) : throw new ScenarioRunException($"{key} is missing");

    /// <summary>The client process the step's <c>pid</c> names.</summary>
    public ClientProcess Process(Step step)
    {
        int pid = (int)Eval(step, "pid");
        return state.Mm.Process(pid) ?? throw new ScenarioRunException($"pid {pid} is not a process of this scenario (declare it in \"processes\" or with a declare step)");
    }

    public void Bind(string kind, string? name, object value) => Names.Bind(kind, name, value);

    /// <summary>Runs a step (a repeat runs its body); results are appended to <paramref name="results"/>.</summary>
    public Task RunStepAsync(Step step, string id, List<StepResult> results, CancellationToken ct)
    {
        if (step.Skip != null)
        {
            StepResult skipped = NewResult(step, id);
            skipped.Skipped = true;
            skipped.Note = step.Skip;
            results.Add(skipped);
            return Task.CompletedTask;
        }

        return step.Kind.RunAsync(step, id, this, results, ct);
    }

    /// <summary>Runs one step that is one operation, with the checks every step gets.</summary>
    public async Task RunOneAsync(Step step, string id, List<StepResult> results, CancellationToken ct)
    {
        StepResult r = NewResult(step, id);
        results.Add(r);
        int mark = state.Recorder.Count;
        StepMark = mark;
        StatusSnapshot? before = null;
        try
        {
            bool expectsRefusal = step.Expect.Errno is Expr ee && ee.Evaluate(Names) != 0;
            if (expectsRefusal && step.Kind.Refusable)
            {
                try
                {
                    before = await state.Reader.StatusAsync(ct).ConfigureAwait(false);
                }
                catch (System.IO.IOException e)
                {
                    // A full OCB table (ENFILE scenarios) leaves no OCB for the harness: the count check is skipped.
                    r.Note = $"no /fw/status snapshot before the step ({e.Message}): refusal counts not compared";
                }
            }

            SessionState stepState = state;
            int observed = await step.Kind.ExecuteAsync(step, this, r, ct).ConfigureAwait(false);
            IReadOnlyList<SentMessage> messages = ReferenceEquals(stepState, state) ? state.Recorder.Since(mark) : Array.Empty<SentMessage>();
            r.Messages.AddRange(messages.Select(Record));
            if (step.Expect.Messages is MessagesExpectation me)
            {
                MessageChecks.Check(r, me, messages);
            }

            await judge.JudgeAsync(messages, r, ct).ConfigureAwait(false);
            // A refusal changes no count (§4): judged when every message of the step was refused (a step whose
            // memory manager also opened something, e.g. its own /dev/mem fd, changed counts by that success).
            if (before != null && observed != 0 && messages.Count > 0 && messages.All(m => m.Reply.IsError))
            {
                StatusSnapshot after = await state.Reader.StatusAsync(ct).ConfigureAwait(false);
                IReadOnlyList<string> changes = after.ChangesSince(before);
                r.Add(ReplyJudge.Rule, "refusal-changes-nothing", "no file's counts change (/fw/status)",
                    changes.Count == 0 ? "unchanged" : string.Join("; ", changes), changes.Count == 0);
            }

            Capture(step, r);
        }
        catch (ScenarioRunException e)
        {
            r.Messages.AddRange(state.Recorder.Since(mark).Select(Record));
            r.AddForRules("run", "the step runs", e.Message, false);
        }
        catch (System.IO.IOException e)
        {
            r.AddForRules("run", "the harness reads /fw/status", e.Message, false);
        }
    }

    /// <summary>
    /// Format 2: binds each of the step's captures to the value its path finds in what the step observed
    /// (<c>{cap:NAME}</c>); a path that finds nothing takes the capture's default, else it is a failed check.
    /// </summary>
    public void Capture(Step step, StepResult r)
    {
        foreach (Format.Capture c in step.Captures)
        {
            string path;
            try
            {
                path = c.Path.Contains('{', StringComparison.Ordinal) ? new Template(c.Path).Evaluate(Names) : c.Path;
            }
            catch (ScenarioRunException e)
            {
                r.AddForRules("capture", $"{{cap:{c.Name}}} = {c.Path}", e.Message, false);
                continue;
            }

            JsonNode? found = ObservedPath.Find(r.Observed, path, out string stoppedAt);
            object? value = found is JsonValue v
                ? (Pattern.TryNumber(v, out ulong n) ? n : v.TryGetValue(out string? s) ? s : v.TryGetValue(out bool b) ? (b ? 1UL : 0UL) : null)
                : null;
            if (value == null && c.Default is Expr d)
            {
                value = d.Evaluate(Names);
            }

            if (value == null)
            {
                string why = found is JsonObject or JsonArray
                    ? $"'{c.Path}' is {(found is JsonObject ? "an object" : "an array")}, not a value"
                    : $"nothing at '{path}'{(stoppedAt.Length > 0 ? $" (found up to '{stoppedAt}')" : "")}; the step observed {string.Join(", ", r.Observed.Select(p => p.Key))}";
                r.AddForRules("capture", $"{{cap:{c.Name}}} = {c.Path}", why, false);
                continue;
            }

            Bind("cap", c.Name, value);
        }
    }

    public StepResult NewResult(Step step, string id) => new()
    {
        Index = step.Index,
        Id = id,
        Name = step.Name,
        Op = step.Op,
        Rules = step.Rules.Count > 0 ? step.Rules : scenario.Rules,
    };

    /// <summary>
    /// RM-5: ends the session and continues in a new one on the same board: a new memory manager, the scenario's
    /// processes declared again. Names bound earlier keep their values (an fd of the old session is only a number
    /// now); <c>status</c> snapshots stay comparable. Returns how the board says the old session ended.
    /// </summary>
    public async Task<string> ContinueInNewSessionAsync(SessionEnd how, bool otherHost, Action<string> oldSessionEnded, CancellationToken ct)
    {
        SessionHandover handover = await state.HandOverAsync(how, otherHost, next => session = next, ct).ConfigureAwait(false);
        oldSessionEnded(handover.OldSessionEnd);
        await StartNextAsync(handover.Next).ConfigureAwait(false);
        return handover.OldSessionEnd;
    }

    /// <summary>
    /// The <c>reboot</c> step: the board restarts and the scenario continues in a session on the new boot, as after
    /// <c>new_session</c> (names and snapshots kept; st_ino compared across boots by the §4 checks). Returns the old
    /// and the new boot id.
    /// </summary>
    public async Task<(string Old, string New)> RebootAsync(CancellationToken ct)
    {
        string old = state.Target.BootId;
        SessionHandover handover = await state.RebootAsync(next => session = next, ct).ConfigureAwait(false);
        await StartNextAsync(handover.Next).ConfigureAwait(false);
        return (old, handover.Next.BootId);
    }

    /// <summary>A new memory manager on <paramref name="next"/>, and the scenario's processes declared again (unless it declares them itself).</summary>
    private async Task StartNextAsync(ITargetSession next)
    {
        state = await SessionState.StartAsync(next, Time, Options.Linger, !scenario.Undeclared).ConfigureAwait(false);
        judge = NewJudge();
        StepMark = state.Recorder.Count;
        if (!scenario.Undeclared)
        {
            foreach (ProcessDecl p in scenario.Processes)
            {
                await SpawnAsync(p).ConfigureAwait(false);
            }
        }
    }

    private ReplyJudge NewJudge()
    {
        SessionState judged = state;
        return new(facts, judged.Reader, pid => creds.GetValueOrDefault(pid) ?? judged.Mm.Process(pid)?.Cred, inodes);
    }

    private static MessageRecord Record(SentMessage m) => new(m.Pid, m.Coid, m.Kind, m.Reply.ToString());
}
