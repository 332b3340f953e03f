using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Tests.Support;

namespace Gateway.Transports.Tests.Contract;

/// <summary>
/// The host face of a serial port, kept by both implementations (termios and System.IO.Ports) on a real pty:
/// read timeouts for sync and async reads, write timeouts, lossless cancellation, hang-up as end of stream, writes
/// after it refused.
/// Where an implementation lacks a <see cref="SerialCapabilities"/> flag, the test checks the documented behaviour
/// instead (hardware-docs/transports.md, "Two serial implementations"): no case is skipped.
/// </summary>
public abstract class SerialHostContractTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly PseudoTerminal pty = PseudoTerminal.Open();

    protected abstract SerialImplementation Implementation { get; }

    private SerialCapabilities Capabilities => SerialTransport.Capabilities(Implementation);

    public void Dispose() => pty.Dispose();

    private Stream Open(int baud = SerialSettings.DefaultBaudRate, bool exclusive = true) =>
        SerialTransport.Open(pty.SlavePath, new SerialSettings { BaudRate = baud, Exclusive = exclusive, Implementation = Implementation });

    [Fact]
    public void Read_ReadTimeoutPasses_ThrowsTimeoutException()
    {
        using Stream port = Open();
        port.ReadTimeout = 50;

        Assert.Throws<TimeoutException>(() => port.Read(new byte[8], 0, 8));
    }

    [Fact]
    public async Task ReadAsync_ReadTimeoutPasses_ThrowsTimeoutException()
    {
        using Stream port = Open();
        port.ReadTimeout = 50;

        await Assert.ThrowsAsync<TimeoutException>(() => port.ReadAsync(new byte[8], 0, 8).WaitAsync(HangGuard));
    }

    [Fact]
    public async Task ReadAsync_AfterATimeout_BytesThatArriveLaterAreAllRead()
    {
        using Stream port = Open();
        port.ReadTimeout = 30;
        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => port.ReadAsync(new byte[8], 0, 8).WaitAsync(HangGuard));
        }
        port.ReadTimeout = Timeout.Infinite;
        byte[] data = TestData.Pattern(3000, seed: 21);

        pty.Master.Write(data, 0, data.Length);
        var received = new byte[data.Length];
        await port.ReadExactlyAsync(received).AsTask().WaitAsync(HangGuard);

        Assert.Equal(data, received);
    }

    [Fact]
    public async Task ReadAsync_CancelledThenDataArrives_NextReadGetsEveryByte()
    {
        using Stream port = Open();
        using var cancel = new CancellationTokenSource();

        Task<int> read = port.ReadAsync(new byte[8], cancel.Token).AsTask();
        cancel.CancelAfter(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(HangGuard));
        byte[] data = TestData.Pattern(1000, seed: 22);
        pty.Master.Write(data, 0, data.Length);
        var received = new byte[data.Length];
        await port.ReadExactlyAsync(received).AsTask().WaitAsync(HangGuard);

        Assert.Equal(data, received);
    }

    [Fact]
    public async Task ReadAsync_OtherSideHangsUp_EndOfStreamThenWritesThrowClosed()
    {
        using Stream port = Open();
        pty.Master.Write(new byte[] { 0x42 }, 0, 1);
        var one = new byte[1];
        await port.ReadExactlyAsync(one).AsTask().WaitAsync(HangGuard);

        pty.Dispose(); // the master closes: the slave hangs up for good
        int n = await port.ReadAsync(new byte[8]).AsTask().WaitAsync(HangGuard);
        int again = await port.ReadAsync(new byte[8]).AsTask().WaitAsync(HangGuard);
        var e = await Assert.ThrowsAsync<TransportException>(() => port.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().WaitAsync(HangGuard));

        Assert.Equal(0x42, one[0]);
        Assert.Equal(0, n);
        Assert.Equal(0, again);
        Assert.Equal(TransportError.Closed, e.Error);
    }

    [Fact]
    public async Task Dispose_WhileReadIsWaiting_ReadEndsWithEndOfStreamOrDisposed()
    {
        Stream port = Open();
        Task<int> read = port.ReadAsync(new byte[8]).AsTask();
        await Task.Delay(50);

        port.Dispose();

        Exception? failure = await Record.ExceptionAsync(async () => Assert.Equal(0, await read.WaitAsync(HangGuard)));
        Assert.True(failure is null or ObjectDisposedException, failure?.ToString());
        Assert.Throws<TransportException>(() => port.Write(new byte[] { 1 }, 0, 1));
    }

    [Fact]
    public void Write_NobodyReads_WriteTimeoutGivesTimeoutException()
    {
        using Stream port = Open();
        port.WriteTimeout = 100;
        var data = new byte[1 << 20]; // far more than the pty's buffers hold

        Assert.Throws<TimeoutException>(() => port.Write(data, 0, data.Length));
    }

    [Fact]
    public async Task WriteAsync_NobodyReads_WriteTimeoutGivesTimeoutException()
    {
        using Stream port = Open();
        port.WriteTimeout = 100;
        var data = new byte[1 << 20];

        await Assert.ThrowsAsync<TimeoutException>(() => port.WriteAsync(data, 0, data.Length).WaitAsync(HangGuard));
    }

    [Fact]
    public void Open_SecondTime_BusyWhereTheOsEnforcesIt()
    {
        using Stream first = Open();

        Exception? second = Record.Exception(() => Open().Dispose());

        // flock holds for root too; TIOCEXCL (System.IO.Ports on Unix) lets root through, so there a second open works.
        bool refused = Capabilities.HasFlag(SerialCapabilities.ExclusiveEvenForRoot) || !Environment.IsPrivilegedProcess;
        if (refused)
        {
            Assert.Equal(TransportError.Busy, Assert.IsType<TransportException>(second).Error);
        }
        else
        {
            Assert.Null(second);
        }
    }

    [Fact]
    public void Open_NotExclusive_SharedWhereSupportedElseRefusedUpFront()
    {
        if (Capabilities.HasFlag(SerialCapabilities.SharedOpen))
        {
            using Stream first = Open(exclusive: false);
            using Stream second = Open(exclusive: false);
            Assert.True(second.CanRead);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => Open(exclusive: false));
        }
    }

    [Fact]
    public void Open_NonStandardBaudRate_OpensWhereAnyRateIsHandedToTheOsElseRefused()
    {
        if (Capabilities.HasFlag(SerialCapabilities.AnyBaudRate))
        {
            using Stream port = Open(250_000);
            Assert.True(port.CanWrite);
        }
        else
        {
            var e = Assert.Throws<TransportException>(() => Open(250_000));
            Assert.Equal(TransportError.UnsupportedBaudRate, e.Error);
            Assert.Contains("250000", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Open_MissingDevice_ThrowsNotFound()
    {
        var e = Assert.Throws<TransportException>(() =>
            SerialTransport.Open("/dev/tty-gateway-missing", new SerialSettings { Implementation = Implementation }));

        Assert.Equal(TransportError.NotFound, e.Error);
        Assert.Contains("/dev/tty-gateway-missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev")]
    public void Open_NotATerminal_ThrowsNotATerminal(string path)
    {
        var e = Assert.Throws<TransportException>(() => SerialTransport.Open(path, new SerialSettings { Implementation = Implementation }));

        Assert.Equal(TransportError.NotATerminal, e.Error);
    }
}

public sealed class TermiosSerialHostContractTests : SerialHostContractTests
{
    protected override SerialImplementation Implementation => SerialImplementation.Termios;
}

public sealed class PortsSerialHostContractTests : SerialHostContractTests
{
    protected override SerialImplementation Implementation => SerialImplementation.Ports;
}
