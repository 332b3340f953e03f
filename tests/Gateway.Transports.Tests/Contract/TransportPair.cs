using System;
using System.IO;
using Gateway.Protocol.Platform;

namespace Gateway.Transports.Tests.Contract;

/// <summary>Two ends of one link: the board's <see cref="IByteStream"/> and the host's <see cref="Stream"/>, plus whatever owns them.</summary>
public sealed class TransportPair(IByteStream board, Stream host, IDisposable? owner = null) : IDisposable
{
    public IByteStream Board { get; } = board;
    public Stream Host { get; } = host;

    public void Dispose()
    {
        Board.Close();
        Host.Dispose();
        owner?.Dispose();
    }
}
