using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Interop.Unix;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;
using static Gateway.Transports.Desktop.Interop.Unix.TermiosConstants;

namespace Gateway.Transports.Tests.Pty;

/// <summary>Pseudo-terminal pairs: creation, raw mode before anyone configures the slave, and hang-up behaviour.</summary>
public sealed class PseudoTerminalTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public void Open_NewPair_SlavePathIsAnExistingPtsDevice()
    {
        using var pty = PseudoTerminal.Open();

        Assert.StartsWith("/dev/pts/", pty.SlavePath, StringComparison.Ordinal);
        Assert.True(File.Exists(pty.SlavePath));
    }

    [Fact]
    public void Open_TwoPairs_HaveDifferentSlaves()
    {
        using var a = PseudoTerminal.Open();
        using var b = PseudoTerminal.Open();

        Assert.NotEqual(a.SlavePath, b.SlavePath);
    }

    [Fact]
    public unsafe void Open_BeforeAnyoneConfiguresTheSlave_SlaveIsAlreadyRaw()
    {
        using var pty = PseudoTerminal.Open();

        // Open the slave bare, without the project's configuration, and read what it holds.
        int fd = Libc.open(pty.SlavePath, FileConstants.O_RDWR | FileConstants.O_NOCTTY | FileConstants.O_CLOEXEC);
        Assert.True(fd >= 0, "open errno " + Marshal.GetLastPInvokeError());
        Termios t;
        int rc;
        try
        {
            rc = Libc.tcgetattr(fd, &t);
        }
        finally
        {
            Libc.close(fd);
        }

        Assert.Equal(0, rc);
        Assert.Equal(0u, t.c_lflag & (ECHO | ICANON | ISIG | IEXTEN));
        Assert.Equal(0u, t.c_iflag & (ICRNL | INLCR | IGNCR | IXON | ISTRIP));
        Assert.Equal(0u, t.c_oflag & OPOST);
        Assert.Equal(CS8, t.c_cflag & CSIZE);
    }

    [Fact]
    public void MasterRead_SlaveWroteThenClosed_DeliversTheBytesThenMinusOne()
    {
        using var pty = PseudoTerminal.Open();
        var slave = SerialByteStream.Open(pty.SlavePath);
        byte[] data = { 0x01, 0x0A, 0x0D, 0x00, 0x13, 0x11, 0xFF };
        slave.Write(data, 0, data.Length);
        slave.Close();

        byte[] received = ReadUntilEnd(pty.Master, out int last);

        Assert.Equal(data, received);
        Assert.Equal(-1, last);
    }

    [Fact]
    public void MasterRead_SlaveReopenedAfterHangUp_WorksAgain()
    {
        using var pty = PseudoTerminal.Open();
        SerialByteStream.Open(pty.SlavePath).Close();
        ReadUntilEnd(pty.Master, out int hungUp);

        using var again = SerialByteStream.Open(pty.SlavePath);
        again.Write(new byte[] { 0x5A }, 0, 1);
        var buffer = new byte[4];
        int n = ReadSome(pty.Master, buffer);

        Assert.Equal(-1, hungUp);
        Assert.Equal(1, n);
        Assert.Equal(0x5A, buffer[0]);
    }

    [Fact]
    public void MasterRead_HoldSlaveOpenAndClientLeft_TimesOutWithZeroInsteadOfHangingUp()
    {
        using var pty = PseudoTerminal.Open(holdSlaveOpen: true);
        var client = SerialByteStream.Open(pty.SlavePath);
        client.Write(new byte[] { 7 }, 0, 1);
        client.Close();

        var buffer = new byte[4];
        int first = ReadSome(pty.Master, buffer);
        int afterLeaving = pty.Master.Read(buffer, 0, buffer.Length, 50);

        Assert.Equal(1, first);
        Assert.Equal(7, buffer[0]);
        Assert.Equal(0, afterLeaving);
    }

    [Fact]
    public void MasterStream_SlaveClosed_ReadsEndOfStream()
    {
        using var pty = PseudoTerminal.Open();
        SerialByteStream.Open(pty.SlavePath).Close();

        int n = pty.MasterStream.Read(new byte[8], 0, 8);

        Assert.Equal(0, n);
    }

    [Fact]
    public void SlaveWrite_AfterMasterClosed_ThrowsClosed()
    {
        var pty = PseudoTerminal.Open();
        using var slave = SerialByteStream.Open(pty.SlavePath);
        pty.Dispose();

        var e = Assert.Throws<Desktop.TransportException>(() => slave.Write(new byte[] { 1 }, 0, 1));

        Assert.Equal(Desktop.TransportError.Closed, e.Error);
        Assert.Equal(-1, slave.Read(new byte[1], 0, 1, 50));
    }

    private static int ReadSome(IByteStream stream, byte[] buffer)
    {
        var clock = Stopwatch.StartNew();
        int n;
        do
        {
            n = stream.Read(buffer, 0, buffer.Length, 1000);
        }
        while (n == 0 && clock.Elapsed < HangGuard);
        return n;
    }

    private static byte[] ReadUntilEnd(IByteStream stream, out int last)
    {
        var received = new MemoryStream();
        var buffer = new byte[64];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            last = stream.Read(buffer, 0, buffer.Length, 1000);
            if (last < 0 || clock.Elapsed > HangGuard)
            {
                return received.ToArray();
            }
            received.Write(buffer, 0, last);
        }
    }
}
