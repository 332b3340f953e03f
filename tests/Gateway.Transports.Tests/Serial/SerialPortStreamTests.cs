using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Interop.Unix;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using static Gateway.Transports.Desktop.Interop.Unix.TermiosConstants;

namespace Gateway.Transports.Tests.Serial;

/// <summary>Opening, configuring and using a tty through termios, on a pty pair the test makes itself.</summary>
public sealed class SerialPortStreamTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly PseudoTerminal pty = PseudoTerminal.Open();

    public void Dispose() => pty.Dispose();

    [Theory]
    [InlineData(9_600)]
    [InlineData(115_200)]
    [InlineData(921_600)]
    [InlineData(3_000_000)]
    public unsafe void Open_AtBaudRate_TermiosReadBackIsRaw8N1AtThatSpeed(int baud)
    {
        using var port = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = baud });

        Termios t = port.Channel.GetAttributes();

        Assert.Equal(0u, t.c_iflag & (IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF | IXANY));
        Assert.Equal(0u, t.c_oflag & OPOST);
        Assert.Equal(0u, t.c_lflag & (ECHO | ECHONL | ICANON | ISIG | IEXTEN));
        Assert.Equal(CS8, t.c_cflag & CSIZE);
        Assert.Equal(0u, t.c_cflag & (PARENB | CSTOPB | CRTSCTS));
        Assert.Equal(CREAD | CLOCAL, t.c_cflag & (CREAD | CLOCAL));
        Assert.Equal(1, t.c_cc[VMIN]);
        Assert.Equal(0, t.c_cc[VTIME]);
        Assert.Equal(baud, TerminalAttributes.GetBaudRate(t));
    }

    [Theory]
    [InlineData(9_600)]
    [InlineData(3_000_000)]
    public void Open_AtBaudRate_KernelHoldsTheSameFlagsAndSpeedCode(int baud)
    {
        using var port = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = baud });

        Termios viaGlibc = port.Channel.GetAttributes();
        KernelTermios viaKernel = port.Channel.GetKernelAttributes();

        // Two independent read-backs agree, so the glibc structure is laid out as glibc lays it out.
        Assert.Equal(viaGlibc.c_iflag, viaKernel.c_iflag);
        Assert.Equal(viaGlibc.c_oflag, viaKernel.c_oflag);
        Assert.Equal(viaGlibc.c_cflag, viaKernel.c_cflag);
        Assert.Equal(viaGlibc.c_lflag, viaKernel.c_lflag);
        Assert.True(SerialBaudRates.TryGetSpeedCode(baud, out uint code));
        Assert.Equal(code, viaKernel.c_cflag & CBAUD);
    }

    [Fact]
    public void Open_RtsCtsFlowControl_SetsCrtsctsOnly()
    {
        using var port = SerialPortStream.Open(pty.SlavePath, new SerialSettings { FlowControl = SerialFlowControl.RtsCts });

        Termios t = port.Channel.GetAttributes();

        Assert.Equal(CRTSCTS, t.c_cflag & CRTSCTS);
        Assert.Equal(0u, t.c_iflag & (IXON | IXOFF));
    }

    [Fact]
    public unsafe void Open_XonXoffFlowControl_SetsIxonIxoffWithDc1Dc3()
    {
        using var port = SerialPortStream.Open(pty.SlavePath, new SerialSettings { FlowControl = SerialFlowControl.XonXoff });

        Termios t = port.Channel.GetAttributes();

        Assert.Equal(IXON | IXOFF, t.c_iflag & (IXON | IXOFF));
        Assert.Equal(0u, t.c_cflag & CRTSCTS);
        Assert.Equal(0x11, t.c_cc[VSTART]);
        Assert.Equal(0x13, t.c_cc[VSTOP]);
    }

    [Fact]
    public void Open_MissingPath_ThrowsNotFoundNamingThePath()
    {
        const string path = "/dev/ttyGatewayNoSuchDevice9";

        var e = Assert.Throws<TransportException>(() => SerialPortStream.Open(path));

        Assert.Equal(TransportError.NotFound, e.Error);
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal(path, e.Target);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RegularFile_ThrowsNotATerminal()
    {
        string path = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<TransportException>(() => SerialPortStream.Open(path));

            Assert.Equal(TransportError.NotATerminal, e.Error);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_CharacterDeviceThatIsNotATty_ThrowsNotATerminal()
    {
        var e = Assert.Throws<TransportException>(() => SerialByteStream.Open("/dev/null"));

        Assert.Equal(TransportError.NotATerminal, e.Error);
        Assert.Contains("/dev/null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Directory_ThrowsNotATerminal()
    {
        var e = Assert.Throws<TransportException>(() => SerialPortStream.Open("/dev"));

        Assert.Equal(TransportError.NotATerminal, e.Error);
    }

    [Fact]
    public void Open_AlreadyOpenedExclusively_ThrowsBusy()
    {
        using var first = SerialPortStream.Open(pty.SlavePath);

        var e = Assert.Throws<TransportException>(() => SerialPortStream.Open(pty.SlavePath));

        Assert.Equal(TransportError.Busy, e.Error);
        Assert.Contains(pty.SlavePath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotExclusive_SecondOpenSucceeds()
    {
        var shared = new SerialSettings { Exclusive = false };
        using var first = SerialPortStream.Open(pty.SlavePath, shared);

        using var second = SerialPortStream.Open(pty.SlavePath, shared);

        Assert.True(second.CanRead);
    }

    [Theory]
    [InlineData(250_000)]
    [InlineData(12_345)]
    [InlineData(7_812_500)]
    public void Open_NonStandardBaudRate_KernelHoldsTheNumberWithBother(int baud)
    {
        // A rate without a Bxxx code goes through termios2 (TCSETS2, BOTHER); a pty keeps any rate, and the kernel
        // reports back exactly what was set, through TCGETS2 and in the CBAUD bits.
        using var port = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = baud });

        KernelTermios2 k = port.Channel.GetKernelAttributes2();
        KernelTermios viaKernel = port.Channel.GetKernelAttributes();

        Assert.Equal((uint)baud, k.c_ospeed);
        Assert.Equal((uint)baud, k.c_ispeed);
        Assert.Equal(BOTHER, viaKernel.c_cflag & CBAUD);
        Assert.Equal(CS8, viaKernel.c_cflag & CSIZE);
        Assert.Equal(0u, viaKernel.c_lflag & (ECHO | ICANON | ISIG));
    }

    [Fact]
    public void Open_StandardBaudRateAfterANonStandardOne_KernelHoldsTheCodeAgain()
    {
        using (SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = 250_000 }))
        {
        }

        using var port = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = 115_200 });

        Assert.Equal(115_200u, port.Channel.GetKernelAttributes2().c_ospeed);
        Assert.Equal(0x1002u, port.Channel.GetKernelAttributes().c_cflag & CBAUD); // B115200
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-9_600)]
    public void Open_NotAPositiveBaudRate_ThrowsUnsupportedBaudRate(int baud)
    {
        var e = Assert.Throws<TransportException>(() => SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = baud }));

        Assert.Equal(TransportError.UnsupportedBaudRate, e.Error);
        Assert.Contains(baud.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(250_000, 250_000, true)]
    [InlineData(250_000, 246_000, true)]    // a divisor's rounding, within 2 %
    [InlineData(250_000, 230_400, false)]   // another speed substituted
    [InlineData(250_000, 0, false)]
    public void SpeedRefusal_RateTheDriverKept_AcceptedWithinTwoPercent(int asked, int kept, bool accepted)
    {
        TransportException? refusal = TerminalAttributes.SpeedRefusal("/dev/ttyUSB0", asked, kept);

        Assert.Equal(accepted, refusal == null);
        if (refusal != null)
        {
            Assert.Equal(TransportError.UnsupportedBaudRate, refusal.Error);
        }
    }

    [Fact]
    public void Open_PortsImplementationAsked_TermiosStreamRefuses()
    {
        Assert.Throws<ArgumentException>(() =>
            SerialPortStream.Open(pty.SlavePath, new SerialSettings { Implementation = SerialImplementation.Ports }));
    }

    [Theory]
    [InlineData(Errno.EACCES, TransportError.AccessDenied)]
    [InlineData(Errno.EPERM, TransportError.AccessDenied)]
    [InlineData(Errno.EBUSY, TransportError.Busy)]
    [InlineData(Errno.ENOENT, TransportError.NotFound)]
    [InlineData(Errno.ENODEV, TransportError.NotFound)]
    [InlineData(Errno.ENOTTY, TransportError.NotATerminal)]
    [InlineData(Errno.EIO, TransportError.Closed)]
    [InlineData(Errno.EINVAL, TransportError.Other)]
    public void ToException_Errno_ClassifiedAndNamed(int errno, TransportError expected)
    {
        // EACCES and EBUSY cannot be provoked here (tests run as root); their translation is checked directly.
        TransportException e = UnixErrors.ToException(errno, "/dev/ttyUSB0", "open");

        Assert.Equal(expected, e.Error);
        Assert.Equal(errno, e.Errno);
        Assert.Contains("/dev/ttyUSB0", e.Message, StringComparison.Ordinal);
        Assert.Contains(Errno.Name(errno), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReadTimeoutPasses_ThrowsTimeoutException()
    {
        using var port = SerialPortStream.Open(pty.SlavePath);
        port.ReadTimeout = 50;

        Assert.Throws<TimeoutException>(() => port.Read(new byte[8], 0, 8));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsAndTheNextReadStillWorks()
    {
        using var port = SerialPortStream.Open(pty.SlavePath);
        using var cancel = new CancellationTokenSource();
        var buffer = new byte[8];

        Task<int> read = port.ReadAsync(buffer, cancel.Token).AsTask();
        cancel.CancelAfter(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(HangGuard));

        pty.Master.Write(new byte[] { 0x42 }, 0, 1);
        using var guard = new CancellationTokenSource(HangGuard);
        int n = await port.ReadAsync(buffer, guard.Token);

        Assert.Equal(1, n);
        Assert.Equal(0x42, buffer[0]);
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileAnotherThreadWrites_WriterIsNotDisturbed()
    {
        using var port = SerialPortStream.Open(pty.SlavePath);
        using var cancel = new CancellationTokenSource();
        byte[] data = Support.TestData.Pattern(64 * 1024, seed: 11);

        Task<int> read = port.ReadAsync(new byte[8], cancel.Token).AsTask();
        Task write = port.WriteAsync(data).AsTask();
        cancel.Cancel();
        var received = new byte[data.Length];
        int total = 0;
        while (total < data.Length)
        {
            int n = pty.Master.Read(received, total, received.Length - total, 1000);
            Assert.NotEqual(-1, n);
            total += n;
        }
        await write.WaitAsync(HangGuard);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(HangGuard));
        Assert.Equal(data, received);
    }

    [Fact]
    public async Task ReadAsync_ManyOverlappingCancellations_NoWakeUpIsLostAndDataStillArrives()
    {
        using var port = SerialPortStream.Open(pty.SlavePath);
        var reads = new Task[40];
        for (int i = 0; i < reads.Length; i++)
        {
            var cancel = new CancellationTokenSource();
            Task<int> read = port.ReadAsync(new byte[4], cancel.Token).AsTask();
            cancel.CancelAfter(i % 5);
            reads[i] = read.ContinueWith(_ => cancel.Dispose(), TaskScheduler.Default);
        }
        await Task.WhenAll(reads).WaitAsync(HangGuard);

        pty.Master.Write(new byte[] { 0x11, 0x13 }, 0, 2);
        var buffer = new byte[4];
        using var guard = new CancellationTokenSource(HangGuard);
        int n = await port.ReadAsync(buffer, guard.Token);

        Assert.InRange(n, 1, 2);
        Assert.Equal(0x11, buffer[0]);
    }

    [Fact]
    public void Write_AfterDispose_ThrowsClosed()
    {
        var port = SerialPortStream.Open(pty.SlavePath);
        port.Dispose();

        var e = Assert.Throws<TransportException>(() => port.Write(new byte[] { 1 }, 0, 1));

        Assert.Equal(TransportError.Closed, e.Error);
        Assert.False(port.CanRead);
    }
}
