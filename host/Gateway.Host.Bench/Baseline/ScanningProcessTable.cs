using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;

namespace Gateway.Host.Bench.Baseline;

/// <summary>
/// Benchmark-only: the declared-process table's look-up as the board had it before issue 10 (commit 069f495 gave
/// <c>ProcessTable</c> a hash index) — every request's sender check walked the entries in order until a match, so
/// an undeclared pid (EPERM) looked at all of them. Declaring fills the first free entry, as the board's table
/// still does, so the same declarations put the same processes at the same entry numbers in both tables.
/// The board no longer carries it.
/// </summary>
public sealed class ScanningProcessTable
{
    private readonly ProcessEntry[] entries;

    public ScanningProcessTable(int size)
    {
        entries = new ProcessEntry[size];
        for (int i = 0; i < size; i++)
        {
            entries[i] = new ProcessEntry();
        }
    }

    public ProcessEntry? Find(int session, int pid)
    {
        for (int i = 0; i < entries.Length; i++)
        {
            ProcessEntry e = entries[i];
            if (e.Live && e.Session == session && e.Pid == pid)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Loop iterations <see cref="Find"/> runs for (session, pid): up to and including the match, else every entry.</summary>
    public int Iterations(int session, int pid)
    {
        for (int i = 0; i < entries.Length; i++)
        {
            ProcessEntry e = entries[i];
            if (e.Live && e.Session == session && e.Pid == pid)
            {
                return i + 1;
            }
        }

        return entries.Length;
    }

    /// <summary>EOK, EINVAL for a pid ≤ 0, EBUSY when the pid is live in the session, ENOMEM when full.</summary>
    public int Declare(int session, int pid, CredInfo cred, bool is64Bit, int maxPerSession)
    {
        if (pid <= 0)
        {
            return Errno.EINVAL;
        }

        if (Find(session, pid) != null)
        {
            return Errno.EBUSY;
        }

        int inSession = 0;
        ProcessEntry? free = null;
        for (int i = 0; i < entries.Length; i++)
        {
            ProcessEntry e = entries[i];
            if (e.Live && e.Session == session)
            {
                inSession++;
            }
            else if (!e.Live && free == null)
            {
                free = e;
            }
        }

        if (free == null || inSession >= maxPerSession)
        {
            return Errno.ENOMEM;
        }

        free.Live = true;
        free.Session = session;
        free.Pid = pid;
        free.Is64Bit = is64Bit;
        free.Cred.CopyFrom(cred);
        return Errno.EOK;
    }
}
