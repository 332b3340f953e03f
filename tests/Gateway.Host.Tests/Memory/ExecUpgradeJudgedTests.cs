using System;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Host.Memory;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Tests.Memory;

/// <summary>MM-10 with MM-4: an exec upgrade the board says yes to but without PROT_EXEC allowed is EACCES.</summary>
public sealed class ExecUpgradeJudgedTests
{
    /// <summary>A board channel that strips PROT_EXEC from every _IO_MMAP reply's allowed_prot (a non-conforming board).</summary>
    private sealed class NoExecAllowed(Gateway.Host.Board.IBoardChannel inner) : Gateway.Host.Board.IBoardChannel
    {
        public int MaxMessageSize => inner.MaxMessageSize;

        public async System.Threading.Tasks.Task<Gateway.Host.Board.BoardReply> SendAsync(int pid, int coid, ReadOnlyMemory<byte> message, System.Threading.CancellationToken ct = default)
        {
            var r = await inner.SendAsync(pid, coid, message, ct);
            if (!r.IsError && Gateway.Host.Board.TracingChannel.PartTypes(message.Span)[0] == "_IO_MMAP" && r.Body.Length >= 24)
            {
                var body = (byte[])r.Body.Clone();
                uint allowed = BitConverter.ToUInt32(body, 4) & ~Prot.Exec;
                BitConverter.GetBytes(allowed).CopyTo(body, 4);
                return new Gateway.Host.Board.BoardReply(false, r.Value, body);
            }

            return r;
        }

        public System.Threading.Tasks.Task<int> DeclareProcessAsync(int pid, Gateway.Protocol.Messages.CredInfo cred, bool is64Bit, System.Threading.CancellationToken ct = default) =>
            inner.DeclareProcessAsync(pid, cred, is64Bit, ct);
    }

    [Fact]
    public async Task Mprotect_AddExec_BoardAllowsNoExec_IsEacces_ProtUnchanged()
    {
        var f = await MmFixture.StartAsync();
        var mm = new MemoryManager(new NoExecAllowed(f.Trace));
        var p = await mm.SpawnAsync(9, Gateway.Protocol.Desktop.QnxRequests.Cred(100, 100));
        int fd = (int)(await p.OpenAsync("data/app", OpenFlags.ReadOnly)).Value;
        var m = await p.MmapAsync(0, 4096, Prot.Read, MapFlags.Private, fd, 0);
        Assert.True(m.Ok, m.ToString());
        Assert.Equal(Errno.EACCES, (await p.MprotectAsync(m.Address, 4096, Prot.Read | Prot.Exec)).Errno);
        Assert.Equal(Prot.Read, p.Mappings.Single().Prot);
    }
}
