using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop;
using Gateway.Transports.Tests.Support;

namespace Gateway.Transports.Tests.Contract;

/// <summary>
/// The contract every transport keeps, run over each one that works on this machine: the board's end is an
/// <see cref="IByteStream"/>, the host's a <see cref="Stream"/>. Bytes arrive exactly and in order whatever
/// their values, reads return what is there, time out with 0, and closing either end is seen as -1 on the
/// board and end of stream on the host. <see cref="HangGuard"/> only stops a broken transport from hanging
/// the run; no test passes or fails on how long something took.
/// </summary>
public abstract class ByteStreamContractTests : IAsyncLifetime
{
    protected static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private const int Mebibyte = 1024 * 1024;

    private TransportPair? pair;

    protected IByteStream Board => pair!.Board;

    protected Stream Host => pair!.Host;

    /// <summary>Creates a fresh, connected pair.</summary>
    protected abstract Task<TransportPair> OpenPairAsync();

    public async Task InitializeAsync() => pair = await OpenPairAsync();

    public Task DisposeAsync()
    {
        pair?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task HostToBoard_EveryByteValueAndControlByte_ArrivesUnchanged()
    {
        byte[] data = TestData.Pattern(4096, seed: 1);

        await WriteHostAsync(data);
        byte[] received = ReadBoardExactly(data.Length);

        Assert.Equal(data, received);
        Assert.Equal(0, Board.Read(new byte[16], 0, 16, 20)); // nothing extra was made up (no CR added to LF)
    }

    [Fact]
    public async Task BoardToHost_EveryByteValueAndControlByte_ArrivesUnchanged()
    {
        byte[] data = TestData.Pattern(4096, seed: 2);

        Board.Write(data, 0, data.Length);
        byte[] received = await ReadHostExactlyAsync(data.Length);

        Assert.Equal(data, received);
    }

    [Fact]
    public async Task HostToBoard_OneMebibyte_ArrivesIntact()
    {
        byte[] data = TestData.Pattern(Mebibyte + 17, seed: 3);

        Task write = Task.Run(() => WriteHostAsync(data));
        byte[] received = ReadBoardExactly(data.Length);
        await write.WaitAsync(HangGuard);

        Assert.Equal(data, received);
    }

    [Fact]
    public async Task BoardToHost_OneMebibyte_ArrivesIntact()
    {
        byte[] data = TestData.Pattern(Mebibyte + 17, seed: 4);

        Task write = Task.Run(() => Board.Write(data, 0, data.Length));
        byte[] received = await ReadHostExactlyAsync(data.Length);
        await write.WaitAsync(HangGuard);

        Assert.Equal(data, received);
    }

    [Fact]
    public void BoardRead_NothingSent_ReturnsZeroOnTimeout()
    {
        var buffer = new byte[64];

        int n = Board.Read(buffer, 0, buffer.Length, 50);

        Assert.Equal(0, n);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task BoardRead_SmallCount_ReturnsDataInPiecesInOrder()
    {
        byte[] data = TestData.Pattern(300, seed: 5);
        await WriteHostAsync(data);

        var received = new MemoryStream();
        var piece = new byte[7];
        var clock = Stopwatch.StartNew();
        while (received.Length < data.Length && clock.Elapsed < HangGuard)
        {
            int n = Board.Read(piece, 0, piece.Length, 1000);
            Assert.InRange(n, 0, piece.Length);
            received.Write(piece, 0, n);
        }

        Assert.Equal(data, received.ToArray());
    }

    [Fact]
    public async Task BoardRead_LargeCountAtOffset_ReturnsWhatArrivedAndLeavesTheRestOfTheBufferAlone()
    {
        byte[] data = { 0x0D, 0x0A, 0x00, 0x11, 0x13, 0x7E, 0x81, 0xFF, 0x0A, 0x0D };
        await WriteHostAsync(data);

        var buffer = new byte[1000];
        Array.Fill(buffer, (byte)0xEE);
        int total = 0;
        var clock = Stopwatch.StartNew();
        while (total < data.Length && clock.Elapsed < HangGuard)
        {
            int n = Board.Read(buffer, 5 + total, buffer.Length - 5 - total, 1000);
            Assert.InRange(n, 0, data.Length - total);
            total += n;
        }

        Assert.Equal(data.Length, total);
        Assert.Equal(data, buffer.AsSpan(5, data.Length).ToArray());
        Assert.All(buffer[..5], b => Assert.Equal(0xEE, b));
        Assert.All(buffer[(5 + data.Length)..], b => Assert.Equal(0xEE, b));
        Assert.Equal(0, Board.Read(buffer, 0, buffer.Length, 20));
    }

    [Fact]
    public async Task BoardWrite_ManySmallWrites_ArriveInOrder()
    {
        byte[] data = TestData.Pattern(20_000, seed: 6);

        Task write = Task.Run(() =>
        {
            int offset = 0;
            for (int size = 1; offset < data.Length; size = size % 17 + 1)
            {
                int n = Math.Min(size, data.Length - offset);
                Board.Write(data, offset, n);
                offset += n;
            }
        });
        byte[] received = await ReadHostExactlyAsync(data.Length);
        await write.WaitAsync(HangGuard);

        Assert.Equal(data, received);
    }

    [Fact]
    public async Task BothDirections_WritingAndReadingConcurrently_ArriveIntact()
    {
        byte[] up = TestData.Pattern(256 * 1024, seed: 7);
        byte[] down = TestData.Pattern(256 * 1024, seed: 8);

        Task hostWrite = Task.Run(() => WriteHostAsync(up));
        Task boardWrite = Task.Run(() =>
        {
            for (int offset = 0; offset < down.Length; offset += 4096)
            {
                Board.Write(down, offset, Math.Min(4096, down.Length - offset));
            }
        });
        Task<byte[]> boardRead = Task.Run(() => ReadBoardExactly(up.Length));
        Task<byte[]> hostRead = ReadHostExactlyAsync(down.Length);

        byte[] boardGot = await boardRead.WaitAsync(HangGuard);
        byte[] hostGot = await hostRead.WaitAsync(HangGuard);
        await Task.WhenAll(hostWrite, boardWrite).WaitAsync(HangGuard);

        Assert.Equal(up, boardGot);
        Assert.Equal(down, hostGot);
    }

    [Fact]
    public async Task BoardClose_WhileReadIsWaiting_ReadReturnsMinusOne()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> read = Task.Factory.StartNew(() =>
        {
            started.SetResult();
            return Board.Read(new byte[16], 0, 16, Timeout.Infinite);
        }, TaskCreationOptions.LongRunning);
        await started.Task.WaitAsync(HangGuard);
        await Task.Delay(50); // lets the read reach its wait; the outcome is the same if it has not

        Board.Close();
        int n = await read.WaitAsync(HangGuard);

        Assert.Equal(-1, n);
    }

    [Fact]
    public void BoardClose_ThenReadAndWrite_ReadReturnsMinusOneWriteThrowsClosed()
    {
        Board.Close();

        int n = Board.Read(new byte[16], 0, 16, 50);
        var e = Assert.Throws<TransportException>(() => Board.Write(new byte[] { 1, 2, 3 }, 0, 3));

        Assert.Equal(-1, n);
        Assert.Equal(TransportError.Closed, e.Error);
    }

    [Fact]
    public async Task BoardClose_HostReads_EndOfStream()
    {
        Board.Close();

        int n = await Host.ReadAsync(new byte[16]).AsTask().WaitAsync(HangGuard);

        Assert.Equal(0, n);
    }

    [Fact]
    public void HostClose_BoardReads_MinusOne()
    {
        Host.Dispose();

        int n = 0;
        var clock = Stopwatch.StartNew();
        while (n == 0 && clock.Elapsed < HangGuard)
        {
            n = Board.Read(new byte[16], 0, 16, 1000);
        }

        Assert.Equal(-1, n);
        Assert.Equal(-1, Board.Read(new byte[16], 0, 16, 50));
    }

    private async Task WriteHostAsync(byte[] data)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        await Host.WriteAsync(data, guard.Token);
        await Host.FlushAsync(guard.Token);
    }

    private async Task<byte[]> ReadHostExactlyAsync(int count)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var data = new byte[count];
        await Host.ReadExactlyAsync(data, guard.Token).AsTask().WaitAsync(HangGuard);
        return data;
    }

    private byte[] ReadBoardExactly(int count)
    {
        var data = new byte[count];
        int total = 0;
        var clock = Stopwatch.StartNew();
        while (total < count)
        {
            if (clock.Elapsed > HangGuard)
            {
                throw new TimeoutException($"Hang guard: {total} of {count} bytes arrived.");
            }
            int n = Board.Read(data, total, count - total, 1000);
            if (n < 0)
            {
                throw new EndOfStreamException($"The board's stream closed after {total} of {count} bytes.");
            }
            total += n;
        }
        return data;
    }
}
