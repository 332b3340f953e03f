using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Transports.Tests.Contract;

/// <summary>The link over TCP: the board listens on 127.0.0.1 (a free port) with the listener the Pi and emulated apps use; the host connects.</summary>
public sealed class TcpLoopbackLinkContractTests : LinkTransportContract
{
    protected override async Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync()
    {
        var listener = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0), maxConnections: 1);
        var connecting = TcpTransport.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port);
        // The kernel completes the connect from the listen backlog; the listener's (blocking) accept then finds it
        // waiting, off the test's thread.
        Stream host = await connecting.WaitAsync(TimeSpan.FromSeconds(30));
        IByteStream board = await Task.Run(() => listener.Accept(30_000)) ?? throw new IOException("no connection was accepted");
        return (host, board, () =>
        {
            host.Dispose();
            board.Close();
            listener.Dispose();
        });
    }
}

/// <summary>
/// The link over a real tty pair: the board serves the pseudo-terminal's master (as the emulated board's pty does),
/// the host opens the slave as a serial port (as the harness's <c>serial:</c> and <c>pty:</c> targets do).
/// The other way round (the board on the slave, as the Pi opens a UART) is not a case of this contract: when the
/// master closes, the kernel may discard the slave's unread input (hardware-docs/transports.md, "Hang-up"), so
/// "the end after draining" cannot hold there. That path has its byte-stream contract
/// (<c>SerialByteStreamOnPtySlaveContractTests</c>) and the Pi's end-to-end test (<c>PiBoardTests</c>).
/// </summary>
public sealed class PseudoTerminalLinkContractTests : LinkTransportContract
{
    protected override Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync()
    {
        var pty = PseudoTerminal.Open();
        var host = SerialPortStream.Open(pty.SlavePath, new SerialSettings { BaudRate = 921_600 });
        return Task.FromResult<(Stream, IByteStream, Action)>((host, pty.Master, () =>
        {
            host.Dispose();
            pty.Dispose();
        }));
    }
}

/// <summary>The link over the same pty with the host's port opened through System.IO.Ports (the macOS and Windows implementation).</summary>
public sealed class PortsOnPseudoTerminalLinkContractTests : LinkTransportContract
{
    protected override Task<(Stream Host, IByteStream Board, Action Close)> CreatePairAsync()
    {
        var pty = PseudoTerminal.Open();
        Stream host = SerialTransport.Open(pty.SlavePath, new SerialSettings { BaudRate = 921_600, Implementation = SerialImplementation.Ports });
        return Task.FromResult<(Stream, IByteStream, Action)>((host, pty.Master, () =>
        {
            host.Dispose();
            pty.Dispose();
        }));
    }
}
