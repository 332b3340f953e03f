using System.IO;
using System.Net;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Serial.Ports;
using Gateway.Transports.Desktop.Streams;
using Gateway.Transports.Desktop.Tcp;
using Gateway.Transports.Tests.Support;

namespace Gateway.Transports.Tests.Contract;

/// <summary>The emulated board serves on a pty master; the host opens the slave as a serial port at <see cref="BaudRate"/>.</summary>
public abstract class PseudoTerminalMasterContractTests : ByteStreamContractTests
{
    protected abstract int BaudRate { get; }

    protected override Task<TransportPair> OpenPairAsync()
    {
        var pty = PseudoTerminal.Open();
        var host = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = BaudRate });
        return Task.FromResult(new TransportPair(pty.Master, host, pty));
    }
}

public sealed class PseudoTerminalAt9600ContractTests : PseudoTerminalMasterContractTests
{
    protected override int BaudRate => 9_600;
}

public sealed class PseudoTerminalAt115200ContractTests : PseudoTerminalMasterContractTests
{
    protected override int BaudRate => 115_200;
}

public sealed class PseudoTerminalAt921600ContractTests : PseudoTerminalMasterContractTests
{
    protected override int BaudRate => 921_600;
}

public sealed class PseudoTerminalAt3000000ContractTests : PseudoTerminalMasterContractTests
{
    protected override int BaudRate => 3_000_000;
}

/// <summary>
/// The same pty link with the host's port opened through System.IO.Ports (the macOS and Windows implementation,
/// forced here with <see cref="SerialImplementation.Ports"/> through the one chooser, <see cref="SerialTransport"/>).
/// </summary>
public abstract class PortsOnPseudoTerminalContractTests : ByteStreamContractTests
{
    protected abstract int BaudRate { get; }

    protected override Task<TransportPair> OpenPairAsync()
    {
        var pty = PseudoTerminal.Open();
        Stream host = SerialTransport.Open(pty.SlavePath, new SerialSettings { BaudRate = BaudRate, Implementation = SerialImplementation.Ports });
        Assert.IsType<PortsSerialStream>(host);
        return Task.FromResult(new TransportPair(pty.Master, host, pty));
    }
}

public sealed class PortsOnPseudoTerminalAt115200ContractTests : PortsOnPseudoTerminalContractTests
{
    protected override int BaudRate => 115_200;
}

public sealed class PortsOnPseudoTerminalAt3000000ContractTests : PortsOnPseudoTerminalContractTests
{
    protected override int BaudRate => 3_000_000;
}

/// <summary>The termios transport at a rate without a speed code (termios2, BOTHER): the same contract.</summary>
public sealed class PseudoTerminalAt250000ContractTests : PseudoTerminalMasterContractTests
{
    protected override int BaudRate => 250_000;
}

/// <summary>The board app's tty code on the slave (as the Pi app uses a UART); the host drives the master.</summary>
public sealed class SerialByteStreamOnPtySlaveContractTests : ByteStreamContractTests
{
    protected override Task<TransportPair> OpenPairAsync()
    {
        var pty = PseudoTerminal.Open();
        IByteStream board = SerialByteStream.Open(pty.SlavePath, new SerialSettings { BaudRate = 921_600 });
        return Task.FromResult(new TransportPair(board, pty.MasterStream, pty));
    }
}

/// <summary>The board listens on 127.0.0.1, port 0; the host connects.</summary>
public sealed class TcpLoopbackContractTests : ByteStreamContractTests
{
    protected override async Task<TransportPair> OpenPairAsync()
    {
        var listener = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0), maxConnections: 1);
        Task<Stream> connect = TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port);
        IByteStream board = listener.Accept((int)HangGuard.TotalMilliseconds)
            ?? throw new IOException("No connection was accepted.");
        Stream host = await connect.WaitAsync(HangGuard);
        return new TransportPair(board, host, listener);
    }
}

/// <summary>The Stream adapter serving one end of two OS pipes; the host holds the other ends.</summary>
public sealed class StreamByteStreamOverPipesContractTests : ByteStreamContractTests
{
    protected override Task<TransportPair> OpenPairAsync()
    {
        (Stream boardIn, Stream hostOut) = OsPipe.Create();
        (Stream hostIn, Stream boardOut) = OsPipe.Create();
        var board = new StreamByteStream(new DuplexStream(boardIn, boardOut));
        var host = new DuplexStream(hostIn, hostOut);
        return Task.FromResult(new TransportPair(board, host));
    }
}
