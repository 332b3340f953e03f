using System;
using Gateway.Protocol.Platform;

namespace Gateway.Host.Targets;

/// <summary>
/// The board's end of an in-process link as one emulated board holds it. Pulling the plug is what a board reset
/// does to the link: the board's reads end and its writes vanish (a board losing power sends no CLOSE), while the
/// wire — and the host's end of it — stays, so the next board to start answers whatever the host sends next.
/// </summary>
internal sealed class BoardPlug(IByteStream wire) : IByteStream
{
    private volatile bool pulled;

    public IByteStream Wire => wire;

    public void Pull() => pulled = true;

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (pulled)
        {
            return -1;
        }

        int n = wire.Read(buffer, offset, count, timeoutMs);
        return pulled ? -1 : n; // bytes that arrive as the power goes are lost with the board
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (!pulled)
        {
            wire.Write(buffer, offset, count);
        }
    }

    public void Close()
    {
        if (!pulled)
        {
            wire.Close();
        }
    }
}
