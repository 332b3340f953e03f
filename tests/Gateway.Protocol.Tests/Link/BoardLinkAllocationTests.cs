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

        for (uint seq = 2; seq < 2 + AllocationProbe.Samples; seq++)
        {
            message[0] = (byte)seq;
            TestFrame reply = host.Exchange(TestHost.Request(seq, 1, 3, message));
            Assert.Equal(seq, reply.Seq);
        }

        link.Stop();
        serve.Join(5000);

        // From the middle on: read, decode, order, execute, cache, encode and write, one hundred times.
        long steady = probe.AllocatedAt(AllocationProbe.Samples - 1) - probe.AllocatedAt(AllocationProbe.Samples / 2);
        Assert.Equal(0, steady);
    }

    private sealed class AllocationProbe : IMessageHandler
    {
        public const int Samples = 200;

        private readonly long[] samples = new long[Samples];
        private int calls;

        public long AllocatedAt(int call) => samples[call];

        public int DeclareProcess(int session, int pid, CredInfo cred, bool is64Bit) => 0;

        public void Handle(int session, int pid, int coid, byte[] message, int offset, int length, Reply reply)
        {
            if (calls < Samples)
            {
                samples[calls] = GC.GetAllocatedBytesForCurrentThread();
            }

            calls++;
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
