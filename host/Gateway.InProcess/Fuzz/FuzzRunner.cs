using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess.Fuzz;

/// <summary>
/// The seeded mutation loop. Each input is either a corpus message mutated by <see cref="Mutator"/> (sometimes with
/// another sender), run through every decoder (<see cref="CodecFuzzTarget"/>) and the dispatcher
/// (<see cref="DispatcherFuzzTarget"/>), or (one in four) a mutated stream of wire frames through the board's frame
/// decoder (<see cref="FrameFuzzTarget"/>); every <see cref="FuzzOptions.EpochLength"/> inputs all sessions end and
/// the counts must be back at zero. A watchdog thread reports an input that runs past the hang budget; the heap
/// is measured after warm-up and at the end.
/// </summary>
public sealed class FuzzRunner
{
    private const int HistoryDepth = 32;

    private readonly FuzzOptions options;
    private readonly FuzzReport report;
    private readonly byte[] input = new byte[Mutator.MaxLength];
    private readonly byte[] streamSeed = new byte[Mutator.MaxLength];
    private readonly HashSet<string> seen = new();
    private readonly (byte[] Bytes, int Session, int Pid, int Coid)[] history = new (byte[], int, int, int)[HistoryDepth];
    private readonly object gate = new();

    // Shared with the watchdog.
    private long inputStarted;
    private int inputLength;
    private string currentSender = string.Empty;
    private string currentMutations = string.Empty;
    private string currentTarget = string.Empty;
    private long currentIndex;

    public FuzzRunner(FuzzOptions options)
    {
        if (options.Boards.Count == 0)
        {
            throw new ArgumentException("at least one board factory is needed", nameof(options));
        }

        this.options = options;
        report = new FuzzReport { Seed = options.Seed };
    }

    /// <summary>Runs the loop on a worker thread under the watchdog; returns when done or at a hang.</summary>
    public FuzzReport Run()
    {
        var done = new ManualResetEventSlim();
        Exception? crash = null;
        var worker = new Thread(() =>
        {
            try
            {
                Loop();
            }
            catch (Exception ex)
            {
                crash = ex;
            }
            finally
            {
                done.Set();
            }
        }, 16 << 20) { IsBackground = true, Name = "fuzz" };

        var clock = Stopwatch.StartNew();
        worker.Start();
        long budget = (long)(options.HangBudget.TotalSeconds * Stopwatch.Frequency);
        while (!done.Wait(50))
        {
            long started = Interlocked.Read(ref inputStarted);
            if (started != 0 && Stopwatch.GetTimestamp() - started > budget)
            {
                lock (gate)
                {
                    var bytes = new byte[inputLength];
                    Array.Copy(input, bytes, bytes.Length);
                    report.Findings.Add(new FuzzFinding("hang", currentTarget, currentIndex,
                        $"still running after {options.HangBudget.TotalSeconds:F0} s", currentSender, currentMutations, bytes, null));
                    report.Hung = true;
                    report.Elapsed = clock.Elapsed;
                }

                return report; // the worker is stuck; it is a background thread and dies with the process
            }
        }

        if (crash != null)
        {
            throw new InvalidOperationException("the fuzz driver itself failed", crash);
        }

        return report;
    }

    private void Loop()
    {
        var mutator = new Mutator(options.Seed);
        var rng = new Random(unchecked(options.Seed * 7919 + 1));
        var codecs = new CodecFuzzTarget(options.Seed);
        int boardIndex = 0;
        var dispatcher = new DispatcherFuzzTarget(options.Boards[0]);
        report.Boards = 1;
        var corpus = dispatcher.Corpus.Messages;
        var opens = dispatcher.Corpus.Opens;
        dispatcher.BeginEpoch(rng, 0.6);
        var frames = new FrameFuzzTarget(corpus, options.Seed);

        var clock = Stopwatch.StartNew();
        TimeSpan nextProgress = options.ProgressInterval;
        TimeSpan warmup = TimeSpan.FromTicks(Math.Min(options.Duration.Ticks / 10, TimeSpan.FromSeconds(3).Ticks));
        bool warm = false;
        TimeSpan nextSample = TimeSpan.Zero;
        int inEpoch = 0;
        long epochs = 0;
        long i = 0;

        for (; i < options.MaxInputs && clock.Elapsed < options.Duration && report.Findings.Count < options.MaxFindings; i++)
        {
            if (rng.Next(4) == 0)
            {
                RunFrameInput(i, mutator, frames);
                continue;
            }

            var seed = corpus[rng.Next(corpus.Count)];
            int length = mutator.Mutate(seed.Bytes, input, corpus);
            int session = seed.Session, pid = seed.Pid, coid = seed.Coid;
            if (rng.Next(10) == 0)
            {
                MutateSender(rng, opens, ref session, ref pid, ref coid);
            }

            lock (gate)
            {
                inputLength = length;
                currentIndex = i;
                currentSender = $"session {session} pid {pid} coid 0x{coid:x}";
                currentMutations = $"{seed.Name}: {mutator.LastMutations}";
                currentTarget = "decoders";
            }

            Interlocked.Exchange(ref inputStarted, Stopwatch.GetTimestamp());
            string? failure = codecs.Run(input, length);
            if (failure != null)
            {
                Record("crash or wrong result", "decoders", i, failure, null);
            }

            lock (gate)
            {
                currentTarget = "dispatcher";
            }

            failure = dispatcher.Run(input, length, session, pid, coid);
            Interlocked.Exchange(ref inputStarted, 0);
            Remember(i, length, session, pid, coid);
            if (failure != null)
            {
                Record("crash or wrong reply", "dispatcher (ResourceManager.Handle)", i, failure, HistoryText(i));
            }

            if (++inEpoch == options.EpochLength || failure != null)
            {
                inEpoch = 0;
                epochs++;
                Interlocked.Exchange(ref inputStarted, Stopwatch.GetTimestamp());
                string? end = dispatcher.EndEpoch();
                Interlocked.Exchange(ref inputStarted, 0);
                if (end != null)
                {
                    Record("counts not back to zero", "session end (EndSession, /fw/status)", i, end, HistoryText(i + 1));
                }

                if (epochs % options.EpochsPerBoard == 0 || failure != null || end != null)
                {
                    boardIndex = (boardIndex + 1) % options.Boards.Count;
                    dispatcher = new DispatcherFuzzTarget(options.Boards[boardIndex], dispatcher.Outcomes);
                    corpus = dispatcher.Corpus.Messages;
                    opens = dispatcher.Corpus.Opens;
                    report.Boards++;
                }

                Array.Clear(history);
                dispatcher.BeginEpoch(rng, 0.6);
            }

            var now = clock.Elapsed;
            if (!warm && now >= warmup)
            {
                warm = true;
                report.MemoryAfterWarmup = GC.GetTotalMemory(true);
                report.MemoryPeak = report.MemoryAfterWarmup;
            }

            if (warm && now >= nextSample)
            {
                nextSample = now + TimeSpan.FromMilliseconds(500);
                report.MemoryPeak = Math.Max(report.MemoryPeak, GC.GetTotalMemory(false));
            }

            if (options.Progress != null && now >= nextProgress)
            {
                nextProgress = now + options.ProgressInterval;
                options.Progress($"{now.TotalSeconds,6:F0} s  {i + 1,10} inputs  {(i + 1) / now.TotalSeconds,8:F0} inputs/s  {epochs} epochs  {report.Findings.Count} findings  heap {GC.GetTotalMemory(false) / 1024} KiB");
            }
        }

        lock (gate)
        {
            report.Inputs = i;
            report.Epochs = epochs;
            report.Elapsed = clock.Elapsed;
            report.Outcomes = dispatcher.Outcomes;
            report.MemoryAtEnd = GC.GetTotalMemory(true);
            if (!warm)
            {
                report.MemoryAfterWarmup = report.MemoryAtEnd;
            }

            long growth = report.MemoryAtEnd - report.MemoryAfterWarmup;
            if (growth > options.MemoryBoundBytes)
            {
                report.Findings.Add(new FuzzFinding("unbounded memory", "whole run", i,
                    $"the managed heap grew by {growth / 1024} KiB after warm-up (bound {options.MemoryBoundBytes / 1024} KiB)", "-", "-", Array.Empty<byte>(), null));
            }
        }
    }

    /// <summary>A mutated stream of wire frames through the board's frame decoder, whole and in chunks.</summary>
    private void RunFrameInput(long i, Mutator mutator, FrameFuzzTarget frames)
    {
        int seedLength = frames.Seed(streamSeed, out _);
        int length = mutator.Mutate(streamSeed, seedLength, input, frames.Frames);
        lock (gate)
        {
            inputLength = length;
            currentIndex = i;
            currentSender = "wire stream";
            currentMutations = mutator.LastMutations;
            currentTarget = "frame decoder";
        }

        Interlocked.Exchange(ref inputStarted, Stopwatch.GetTimestamp());
        string? failure = frames.Run(input, length, mutator.LastMutations == "none");
        Interlocked.Exchange(ref inputStarted, 0);
        if (failure != null)
        {
            Record("crash or wrong result", "frame decoder (FrameDecoder.Feed)", i, failure, null);
        }
    }

    private static void MutateSender(Random rng, IReadOnlyList<FuzzOpen> opens, ref int session, ref int pid, ref int coid)
    {
        switch (rng.Next(4))
        {
            case 0:
                session = rng.Next(3);
                break;
            case 1:
                pid = rng.Next(6) switch { 0 => FuzzCorpus.MmPid, 1 => FuzzCorpus.UserPid, 2 => FuzzCorpus.OtherPid, 3 => FuzzCorpus.FirstRootPid, 4 => FuzzCorpus.Root32Pid, _ => rng.Next(100) };
                break;
            case 2:
                coid = opens[rng.Next(opens.Count)].MappingCoid;
                break;
            default:
                coid = rng.Next(3) == 0 ? rng.Next(-2, 40) : opens[rng.Next(opens.Count)].Fd;
                break;
        }
    }

    private void Record(string kind, string target, long index, string description, string? historyText)
    {
        // One report per distinct failure (its first line, numbers included); the rest are counted as the same.
        string key = target + "|" + description.Split('\n')[0];
        lock (gate)
        {
            if (!seen.Add(key))
            {
                return;
            }

            var bytes = new byte[inputLength];
            Array.Copy(input, bytes, bytes.Length);
            report.Findings.Add(new FuzzFinding(kind, target, index, description, currentSender, currentMutations, bytes, historyText));
        }
    }

    private void Remember(long index, int length, int session, int pid, int coid)
    {
        var copy = new byte[length];
        Array.Copy(input, copy, length);
        history[index % HistoryDepth] = (copy, session, pid, coid);
    }

    /// <summary>The epoch's earlier inputs (up to <see cref="HistoryDepth"/>) before <paramref name="upTo"/>, oldest first.</summary>
    private string HistoryText(long upTo)
    {
        var sb = new StringBuilder();
        for (long k = Math.Max(0, upTo - HistoryDepth + 1); k < upTo; k++)
        {
            var h = history[k % HistoryDepth];
            if (h.Bytes != null)
            {
                sb.AppendLine($"    {h.Session} {h.Pid} 0x{h.Coid:x}: {Hex.Format(h.Bytes).Replace('\n', ' ')}");
            }
        }

        return sb.ToString();
    }
}
