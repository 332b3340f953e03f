using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Board;
using Gateway.Host.Link;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Host.Targets;

/// <summary>One authenticated link session with a board: the link client and the channel the memory manager uses.</summary>
internal sealed class BoardSession(BoardTarget target, LinkClient client)
{
    public BoardTarget Target { get; } = target;

    public LinkClient Client { get; } = client;

    public BoardInfo Board => Client.Board;

    public IBoardChannel Channel { get; } = new LinkChannel(client);
}
