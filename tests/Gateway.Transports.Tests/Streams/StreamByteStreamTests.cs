using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading.Tasks;
using Gateway.Transports.Desktop.Streams;
using Gateway.Transports.Tests.Support;

namespace Gateway.Transports.Tests.Streams;

/// <summary>The adapter's own promises beyond the contract suite.</summary>
public sealed class StreamByteStreamTests
{
    [Fact]
    public async Task Read_TimedOutThenDataArrives_TheOutstandingReadDeliversIt()
    {
        (Stream boardIn, Stream hostOut) = OsPipe.Create();
        (Stream hostIn, Stream boardOut) = OsPipe.Create();
        using var board = new StreamByteStream(new DuplexStream(boardIn, boardOut));
        using var host = new DuplexStream(hostIn, hostOut);
        var buffer = new byte[8];

        int first = board.Read(buffer, 0, buffer.Length, 20);
        await host.WriteAsync(new byte[] { 0x0A, 0x0D, 0x00 });
        int second = board.Read(buffer, 0, buffer.Length, 30_000);

        Assert.Equal(0, first);
        Assert.Equal(3, second);
        Assert.Equal(new byte[] { 0x0A, 0x0D, 0x00 }, buffer[..3]);
    }

    [Fact]
    public void Close_LeaveOpen_TheStreamStaysUsable()
    {
        var inner = new MemoryStream();
        var adapter = new StreamByteStream(inner, leaveOpen: true);

        adapter.Close();

        Assert.True(inner.CanWrite);
        Assert.Equal(-1, adapter.Read(new byte[1], 0, 1, 10));
    }

    [Fact]
    public void Close_Default_DisposesTheStream()
    {
        var inner = new MemoryStream();
        var adapter = new StreamByteStream(inner);

        adapter.Close();

        Assert.False(inner.CanWrite);
    }

    [Fact]
    public void Read_StreamAtEnd_ReturnsMinusOne()
    {
        using var adapter = new StreamByteStream(new MemoryStream(new byte[] { 1, 2 }, writable: true));
        var buffer = new byte[4];

        int first = adapter.Read(buffer, 0, 4, 1000);
        int second = adapter.Read(buffer, 0, 4, 1000);

        Assert.Equal(2, first);
        Assert.Equal(-1, second);
    }

    [Fact]
    public void Constructor_ReadOnlyStream_Throws()
    {
        var pipe = new Pipe();

        Assert.Throws<ArgumentException>(() => new StreamByteStream(pipe.Reader.AsStream()));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 9)]
    [InlineData(5, 4)]
    public void Read_BadRange_ThrowsArgumentOutOfRange(int offset, int count)
    {
        using var adapter = new StreamByteStream(new MemoryStream());

        Assert.Throws<ArgumentOutOfRangeException>(() => adapter.Read(new byte[8], offset, count, 0));
    }
}
