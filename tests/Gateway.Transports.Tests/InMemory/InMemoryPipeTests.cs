using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.InMemory;
using Gateway.Transports.Tests.Contract;

namespace Gateway.Transports.Tests.InMemory;

/// <summary>The in-memory pipe keeps the transport contract.</summary>
public sealed class InMemoryPipeContractTests : LinkTransportContract
{
    protected override Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync()
    {
        var pipe = new InMemoryPipe();
        return Task.FromResult<(Stream, IByteStream, Action)>((pipe.Host, pipe.Board, pipe.Close));
    }
}

public sealed class InMemoryPipeTests
{
    [Fact]
    public async Task HostReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        var pipe = new InMemoryPipe();
        using var cancel = new CancellationTokenSource();

        ValueTask<int> read = pipe.Host.ReadAsync(new byte[4], cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
    }

    [Fact]
    public void BoardWrite_AfterClose_ThrowsIOException()
    {
        var pipe = new InMemoryPipe();

        pipe.Close();

        Assert.Throws<IOException>(() => pipe.Board.Write(new byte[1], 0, 1));
        Assert.Throws<IOException>(() => pipe.Host.Write(new byte[1]));
    }

    [Fact]
    public void Pending_CountsBytesNotYetRead()
    {
        var pipe = new InMemoryPipe();

        pipe.Host.Write(new byte[10]);
        pipe.Board.Write(new byte[3], 0, 3);
        int read = pipe.Board.Read(new byte[4], 0, 4, 0);

        Assert.Equal(4, read);
        Assert.Equal((6, 3), (pipe.PendingToBoard, pipe.PendingToHost));
    }

    [Fact]
    public void ByteQueue_WrapsAroundAndGrows_KeepsOrder()
    {
        var queue = new ByteQueue();
        byte[] output = new byte[7000];
        int produced = 0;
        int consumed = 0;

        for (int round = 0; round < 50; round++)
        {
            byte[] chunk = new byte[1000 + (round * 37)];
            for (int i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (byte)(produced + i);
            }

            queue.Write(chunk);
            produced += chunk.Length;
            while (queue.Available > 500)
            {
                int n = queue.Read(output.AsSpan(0, 700), 0);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal((byte)(consumed + i), output[i]);
                }

                consumed += n;
            }
        }

        Assert.Equal(produced - consumed, queue.Available);
    }
}
