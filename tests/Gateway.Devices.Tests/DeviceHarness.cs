using Gateway.Board.Emulated;
using Gateway.Board.Emulated.Simulator;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.InProcess;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Devices.Tests;

/// <summary>An emulated board's devices driven through the resource manager, as the link would.</summary>
public sealed class DeviceHarness
{
    public readonly SimulatedClock Clock = new();
    public readonly EmulatedBoard Board;
    public readonly DirectClient Client;
    private int nextMmCoid = 0x40000000;

    public DeviceHarness(bool is64 = true, bool quirks = false)
    {
        Board = new EmulatedBoard(new EmulatedBoardOptions { Is64Bit = is64, Quirks = quirks, Clock = Clock });
        Client = new DirectClient(Board.Rm);
        Assert.Equal(0, Board.Rm.DeclareProcess(0, 1, Cred(0, 0), true));
        Assert.Equal(0, Board.Rm.DeclareProcess(0, 2, Cred(0, 0), true));
    }

    public RmResult Send(int pid, int coid, byte[] m) => Client.Send(0, pid, coid, m);

    public void Open(int fd, string path, uint oflag)
    {
        var r = Send(2, fd, Connect(path, oflag));
        Assert.False(r.IsError, $"open {path}: {r}");
    }

    public uint ReadWord(int fd, long offset)
    {
        var r = Send(2, fd, Read(4, offset));
        Assert.False(r.IsError, r.ToString());
        Assert.Equal(4, r.Value);
        return System.BitConverter.ToUInt32(r.Body);
    }

    public void WriteWord(int fd, long offset, uint value)
    {
        var r = Send(2, fd, Gateway.Protocol.Desktop.QnxRequests.WriteWord(value, offset));
        Assert.False(r.IsError, r.ToString());
        Assert.Equal(4, r.Value);
    }

    public RmResult Map(int fd, uint prot, ulong offset = 0, ulong length = 4096) =>
        Send(1, nextMmCoid++, Mmap(2, fd, prot, prot, offset, length));

    public IoMmapReplyExt MapExt(int fd, uint prot, ulong offset = 0, ulong length = 4096)
    {
        var r = Map(fd, prot, offset, length);
        Assert.False(r.IsError, r.ToString());
        var x = new IoMmapReplyExt();
        x.Decode(r.Body, 0, r.Body.Length);
        return x;
    }
}
