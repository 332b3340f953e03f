using System;
using System.Threading;
using Gateway.Protocol.Link;
using Gateway.Protocol.Messages;

namespace Gateway.Protocol.Tests.Link;

/// <summary>The board's steady state allocates nothing per frame (performance.md §1: no allocation per message in the steady state).</summary>
public sealed class BoardLinkAllocationTests
{
    [Fact]
    public void BoardLink_SteadyStateRequests_AllocateNothingOnTheServeThread()
    {
        var probe = new AllocationProbe();
        var link = new BoardLink(WithTestThreads(BoardLinkConfig.Emulated()), probe, new TestHmac(BoardHarness.Key), new FakeClock(), new ListLog(), BoardHarness.BootId);
        var stream = new TestStream();
        var serve = new Thread(() => link.Serve(stream)) { IsBackground = true };
        serve.Start();
        var host = new TestHost(stream, TestHost.DefaultHostId);
        host.Open();
        host.Declare(1, 1);
        byte[] message = new byte[512];
        uint seq = 2;

        // Warm-up: the first frames fill the caches and pools the steady state reuses.
        for (int i = 0; i < 100; i++)
        {
            Exchange(host, message, seq++);
        }

        // A round: read, decode, order, execute, cache, encode and write, fifty times, counted on the serve thread
        // between the handler's samples of the round's first and last request.
        long steady = ThreadAllocations.Least(() =>
        {
            long first = probe.Last;
            for (int i = 0; i < 50; i++)
            {
                Exchange(host, message, seq++);
            }

            return probe.Last - first;
        });

        link.Stop();
        serve.Join(5000);
        Assert.Equal(0, steady);
    }

    private static void Exchange(TestHost host, byte[] message, uint seq)
    {
        message[0] = (byte)seq;
        TestFrame reply = host.Exchange(TestHost.Request(seq, 1, 3, message));
        Assert.Equal(seq, reply.Seq);
    }

    /// <summary>
    /// Samples the serve thread's allocation counter as each request reaches the handler. The host reads it after the
    /// request's reply came back, so the sample of that request is in place.
    /// </summary>
    private sealed class AllocationProbe : IMessageHandler
    {
        private long last;

        public long Last => Volatile.Read(ref last);

        public int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit) => 0;

        public void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
        {
            Volatile.Write(ref last, GC.GetAllocatedBytesForCurrentThread());
            Array.Copy(message, offset, reply.Buffer, reply.BodyOffset, length);
            reply.SetStatus(length, length);
        }

        public void EndSession(int session)
        {
        }
    }

    private static BoardLinkConfig WithTestThreads(BoardLinkConfig config)
    {
        config.Threads = TestThreads.Instance;
        return config;
    }
}
