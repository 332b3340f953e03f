using System;
using System.Collections.Generic;
using Gateway.Board.Emulated;
using Gateway.InProcess;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Bench;

/// <summary>
/// The per-request path (performance.md §1.1): each request of <see cref="SteadyStateRequests"/> handed to
/// <c>ResourceManager.Handle</c> of an emulated board (real-time clock, simulator HAL) over and over, exactly as the
/// link hands it over, and its reply checked once afterwards. Shared by <c>gateway bench</c>, the benchmark
/// project's <c>quick</c> command and the tests.
/// </summary>
public static class RequestPath
{
    public const string Mmap = "_IO_MMAP -> extended reply (184 B)";
    public const string PageIn = "page-in: _IO_LSEEK + _IO_READ 4096 B";
    public const string RegisterStore = "register store: _IO_WRITE 4 B + offset";
    public const string RegisterLoad = "register load: _IO_READ 4 B + offset";
    public const string UndeclaredPid = "EPERM: _IO_MMAP from an undeclared pid";

    /// <summary>The five requests, about <paramref name="budgetMs"/> of timing each.</summary>
    public static IReadOnlyList<RequestPathResult> MeasureAll(int budgetMs)
    {
        using var board = new EmulatedBoard();
        var s = new SteadyStateRequests(board.Rm);
        return new[]
        {
            Measure(Mmap, s, s.SendMmap, budgetMs, () => !s.Reply.IsError && s.Reply.Length == IoMmapReplyExt.Size),
            Measure(PageIn, s, s.SendPageIn, budgetMs, () => !s.Reply.IsError && s.Reply.Value == SteadyStateRequests.PageSize && s.Reply.Length == SteadyStateRequests.PageSize),
            Measure(RegisterStore, s, s.SendRegisterStore, budgetMs, () => !s.Reply.IsError && s.Reply.Value == 4),
            Measure(RegisterLoad, s, s.SendRegisterLoad, budgetMs, () => !s.Reply.IsError && s.Reply.Value == 4),
            Measure(UndeclaredPid, s, s.SendUndeclaredPid, budgetMs, () => s.Reply.IsError && s.Reply.Value == Errno.EPERM),
        };
    }

    private static RequestPathResult Measure(string name, SteadyStateRequests s, Action send, int budgetMs, Func<bool> answered)
    {
        var (ns, calls, allocated, perCall) = NsTimer.Time(
            n =>
            {
                for (int i = 0; i < n; i++)
                {
                    send();
                }

                return n;
            },
            budgetMs);
        if (!answered())
        {
            throw new BenchException($"per-request path: {name} was answered {(s.Reply.IsError ? "errno " + s.Reply.Value : s.Reply.Length + " bytes")}, not as the steady state expects");
        }

        return new RequestPathResult(name, ns, calls, allocated, perCall);
    }
}
