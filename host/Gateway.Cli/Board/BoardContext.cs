using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cli.Output;
using Gateway.Host.Board;
using Gateway.Host.Memory;
using Gateway.Host.Targets;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Cli.Board;

/// <summary>
/// One board command's world: an authenticated session, the memory manager (pid 1) and the client process
/// (pid 2, with the credentials of <c>--uid/--gid/--groups</c>) the command acts as. The helpers turn the
/// board's errno answers into <see cref="CommandException"/>s (exit 1).
/// </summary>
internal sealed class BoardContext
{
    /// <summary>The pid of the client process every command acts as.</summary>
    public const int ClientPid = 2;

    public BoardContext(ITargetSession session, MemoryManager mm, ClientProcess client, CliOutput output, BoardSettings settings, CancellationToken cancellation)
    {
        Session = session;
        Mm = mm;
        Client = client;
        Output = output;
        Settings = settings;
        Cancellation = cancellation;
    }

    /// <summary>The session on the board (the same interface the conformance runner uses).</summary>
    public ITargetSession Session { get; }

    public IBoardChannel Channel => Session.Channel;

    public MemoryManager Mm { get; }

    public ClientProcess Client { get; }

    public CliOutput Output { get; }

    public BoardSettings Settings { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The largest read one message carries (the negotiated frame body).</summary>
    public int MaxRead => Channel.MaxMessageSize;

    /// <summary>The board's path for a user's path: relative to its root, as QNX sends it (<c>/data/app</c> → <c>data/app</c>).</summary>
    public static string BoardPath(string path) => path.TrimStart('/');

    /// <summary>The user's path written absolute: <c>data/app</c> → <c>/data/app</c>.</summary>
    public static string Absolute(string path) => "/" + BoardPath(path);

    /// <summary>open() as the client; an errno answer → exit 1 naming the path.</summary>
    public async Task<int> OpenAsync(string path, uint oflag)
    {
        QnxResult r = await Client.OpenAsync(BoardPath(path), oflag).ConfigureAwait(false);
        if (!r.Ok)
        {
            throw CommandException.FromErrno($"open {Absolute(path)}", r.Errno);
        }

        return (int)r.Value;
    }

    /// <summary>Reads an open fd to its end in frame-sized pieces (plain reads, so a stream's snapshot is not torn).</summary>
    public async Task<byte[]> ReadToEndAsync(int fd, string path)
    {
        using var all = new MemoryStream();
        while (true)
        {
            Cancellation.ThrowIfCancellationRequested();
            (QnxResult r, byte[] data) = await Client.ReadAsync(fd, MaxRead).ConfigureAwait(false);
            if (!r.Ok)
            {
                throw CommandException.FromErrno($"read {Absolute(path)}", r.Errno);
            }

            if (data.Length == 0)
            {
                return all.ToArray();
            }

            all.Write(data);
        }
    }

    /// <summary>
    /// stat() by path: one <c>_IO_CONNECT</c> COMBINE_CLOSE carrying an <c>_IO_STAT</c> with <paramref name="format"/>
    /// (0: the resource's form), asking for no access (so any existing path can be stat'ed, as QNX's stat()).
    /// </summary>
    public async Task<PathStat> StatPathAsync(string path, uint format = 0)
    {
        byte[] name = Encoding.UTF8.GetBytes(BoardPath(path));
        byte[] stat = StatRequest(format);
        var connect = new IoConnect
        {
            Subtype = ConnectSubtype.CombineClose,
            Ioflag = OpenFlags.ToIoFlag(OpenFlags.ReadOnly),
            Access = 0,
        };
        byte[] message = new byte[IoConnect.ExtraStart(name.Length + 1) + stat.Length];
        int length = connect.Encode(message, 0, name, 0, name.Length, stat, 0, stat.Length);
        BoardReply reply = await Channel.SendAsync(ClientPid, FreeCoid(), message.AsMemory(0, length), Cancellation).ConfigureAwait(false);
        return reply.IsError ? PathStat.Failed(reply.Value) : PathStat.FromBody(reply.Body);
    }

    /// <summary>
    /// Maps [<paramref name="offset"/>, + <paramref name="length"/>) of a path MAP_SHARED, from the page holding
    /// <paramref name="offset"/>: PROT_READ, or PROT_READ|PROT_WRITE on an O_RDWR open for <paramref name="write"/>.
    /// Returns the address of <paramref name="offset"/>; an errno answer → exit 1.
    /// </summary>
    public async Task<ulong> MapSharedAsync(string path, ulong offset, ulong length, bool write)
    {
        ulong pageOffset = offset % MemoryManager.PageSize;
        ulong start = offset - pageOffset;
        if (start > long.MaxValue)
        {
            throw CommandException.Usage($"offset {QnxText.Hex(offset)} does not fit an off_t");
        }

        int fd = await OpenAsync(path, write ? OpenFlags.ReadWrite : OpenFlags.ReadOnly).ConfigureAwait(false);
        uint prot = write ? Prot.Read | Prot.Write : Prot.Read;
        MmapResult map = await Client.MmapAsync(0, pageOffset + length, prot, MapFlags.Shared, fd, (long)start).ConfigureAwait(false);
        if (!map.Ok)
        {
            throw CommandException.FromErrno($"mmap {Absolute(path)}" + (map.NonConformance != null ? $" ({map.NonConformance})" : ""), map.Errno);
        }

        return map.Address + pageOffset;
    }

    /// <summary>A fault of a load or store through a mapping as exit 1: SIGSEGV, or SIGBUS with the board's errno.</summary>
    public static CommandException Fault(string what, MemoryAccess access)
    {
        string detail = access.Signal switch
        {
            Signal.Segv => "SIGSEGV (an access fault: no mapping or no permission; nothing was sent)",
            _ when access.Errno != 0 => $"SIGBUS: the board answered {QnxText.Errno(access.Errno)}",
            _ => "SIGBUS (past the end of the object; nothing was sent)",
        };
        return new CommandException(ExitCode.Failure, $"{what}: {detail}");
    }

    /// <summary>A coid the client holds no fd on, for a connect that closes itself.</summary>
    private int FreeCoid()
    {
        var used = new HashSet<int>(Client.Fds);
        int coid = ClientProcess.FirstFd;
        while (used.Contains(coid))
        {
            coid++;
        }

        return coid;
    }
}
