using System;
using System.Collections.Generic;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager.Tests;

/// <summary>
/// The declared-process table behind every request's sender check (behaviour.md §0: an undeclared pid is refused
/// EPERM). Its lookup goes through a hash index, so these check the index against a plain model: every declared
/// (session, pid) is found, nothing else is, across collisions, session ends and reuse of freed entries.
/// </summary>
public sealed class ProcessTableTests
{
    [Fact]
    public void Find_ManyPidsAcrossSessions_FindsExactlyTheDeclaredOnes()
    {
        var table = new ProcessTable(4 * 32);
        var model = new HashSet<(int, int)>();
        var random = new Random(128);
        for (int round = 0; round < 2000; round++)
        {
            int session = random.Next(0, 4);
            int pid = random.Next(1, 200);
            if (random.Next(0, 40) == 0)
            {
                table.EndSession(session);
                model.RemoveWhere(k => k.Item1 == session);
                continue;
            }

            int expected = model.Contains((session, pid)) ? Errno.EBUSY : CountIn(model, session) >= 32 ? Errno.ENOMEM : Errno.EOK;
            int r = table.Declare(session, pid, new CredInfo(), true, 32);

            Assert.Equal(expected, r);
            if (r == Errno.EOK)
            {
                model.Add((session, pid));
            }

            for (int s = 0; s < 4; s++)
            {
                for (int p = 1; p < 200; p += 7)
                {
                    ProcessEntry? e = table.Find(s, p);
                    Assert.Equal(model.Contains((s, p)), e != null);
                    if (e != null)
                    {
                        Assert.Equal((s, p), (e.Session, e.Pid));
                    }
                }
            }
        }
    }

    [Fact]
    public void Find_AfterTheSessionEnds_IsNullAndThePidCanBeDeclaredAgain()
    {
        var table = new ProcessTable(8);
        Assert.Equal(Errno.EOK, table.Declare(0, 5, new CredInfo(), true, 8));

        table.EndSession(0);

        Assert.Null(table.Find(0, 5));
        Assert.Equal(Errno.EOK, table.Declare(0, 5, new CredInfo(), false, 8));
        Assert.False(table.Find(0, 5)!.Is64Bit);
    }

    private static int CountIn(HashSet<(int, int)> model, int session)
    {
        int n = 0;
        foreach (var k in model)
        {
            if (k.Item1 == session)
            {
                n++;
            }
        }

        return n;
    }
}
