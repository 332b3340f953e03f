using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Host.Targets.Faults;
using Xunit.Abstractions;

namespace Gateway.Host.Tests.Link;

/// <summary>
/// Thousands of requests through a link that drops, corrupts, duplicates, reorders and delays 1 % of the frames in
/// each direction: every request must take effect exactly once and get its own reply (system.md §6 Faults).
/// </summary>
public sealed class LinkSoakTests
{
    private readonly ITestOutputHelper output;

    public LinkSoakTests(ITestOutputHelper output) => this.output = output;

    [Theory]
    [InlineData(20240611)]
    [InlineData(7)]
    public async Task Soak_ThousandsOfRequestsAtOnePercentOfEachFault_EachExecutedOnceWithItsOwnReply(int seed)
    {
        const int requests = 3000;
        var faulty = new FaultyLink(FaultOptions.Uniform(0.01, seed) with { MaxDelayMs = 20 });
        output.WriteLine($"fault seed {faulty.Seed}");
        using var board = new TestBoard();
        board.Serve(faulty.Board);
        var options = TestOptions.Fast() with
        {
            HandshakeTimeout = TimeSpan.FromMilliseconds(250),
            HandshakeAttempts = 20,
            RetransmitTimeout = TimeSpan.FromMilliseconds(60),
            MaxAttempts = 100,
        };
        var random = new Random(seed);
        byte[][] messages = Enumerable.Range(0, requests).Select(i =>
        {
            byte[] m = new byte[random.Next(4, 200)];
            random.NextBytes(m);
            BitConverter.TryWriteBytes(m, i);
            return m;
        }).ToArray();
        var clock = Stopwatch.StartNew();

        BoardReply[] replies;
        await using (LinkClient client = await LinkClient.ConnectAsync(faulty.Host, options))
        {
            Assert.False((await client.DeclareAsync(1, TestOptions.Cred())).IsError);
            replies = await Task.WhenAll(messages.Select((m, i) => client.SendAsync(1, 3 + (i % 5), m)));
            output.WriteLine($"host: {client.Counters}");
        }

        output.WriteLine($"{requests} requests in {clock.Elapsed.TotalSeconds:F1} s; {faulty}");
        output.WriteLine($"board: applied {board.Link.Counters.RequestsApplied}, duplicates answered {board.Link.Counters.DuplicatesAnswered}, frame drops {board.Link.Counters.FrameDrops}, sequence drops {board.Link.Counters.SequenceDrops}");

        for (int i = 0; i < requests; i++)
        {
            Assert.False(replies[i].IsError, $"request {i}: {replies[i]}");
            Assert.True(replies[i].Status == 1, $"request {i} was executed {replies[i].Status} times when answered");
            Assert.True(messages[i].AsSpan().SequenceEqual(replies[i].Body.AsSpan()), $"request {i} got another request's reply");
        }

        Assert.Equal(requests, board.Handler.Executions.Count);
        Assert.All(board.Handler.Executions, e => Assert.Equal(1, e.Value));
        Assert.Equal(requests, board.Link.Counters.RequestsApplied);
        Assert.Equal(0, board.Link.Counters.Get(LinkCounter.DropOutOfWindow));
        Assert.True(faulty.HostToBoard.Stats.Dropped > 0 && faulty.BoardToHost.Stats.Corrupted > 0, faulty.ToString());
    }
}
