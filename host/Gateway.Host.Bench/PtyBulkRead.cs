using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets.Child;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.InMemory;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Host.Bench;

/// <summary>
/// The desktop's bulk read over a pseudo-terminal (issue 10): the emulated board app started as a user starts it
/// (<c>gateway emulate --pty</c>, the <c>pty:</c> target's child: its own process, a real pty, real termios), one host
/// session on the pty at the largest frame it negotiates, and <see cref="BulkRead"/>'s sequential 16 KiB reads of a
/// /data file. The same over TCP loopback to the same app and over an in-memory pipe to a board in this process
/// shows what the tty layer costs beside the link's frame path and the two ends' code.
/// </summary>
public static class PtyBulkRead
{
    public static async Task<IReadOnlyList<PtyBulkResult>> RunAsync(PtyBulkSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var owned = new List<IDisposable>();
        LinkClient? client = null;
        try
        {
            var wire = new CountingStream(await OpenAsync(settings.Transport, owned, cancellationToken).ConfigureAwait(false));
            var options = BenchRig.LinkOptions(LinkLimits.DesktopBody, 8);
            client = await LinkClient.ConnectAsync(wire, options, cancellationToken).ConfigureAwait(false);
            var mm = new MemoryManager(new LinkChannel(client));
            await mm.StartAsync().ConfigureAwait(false);
            var root = await mm.SpawnAsync(2, Cred(0, 0)).ConfigureAwait(false);
            return await BulkRead.RunAsync(client, root, wire, settings, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (client != null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            for (int i = owned.Count - 1; i >= 0; i--)
            {
                owned[i].Dispose();
            }
        }
    }

    /// <summary>The host's end of <paramref name="transport"/>, the board already serving the other; what it started goes to <paramref name="owned"/>.</summary>
    private static async Task<Stream> OpenAsync(BulkReadTransport transport, List<IDisposable> owned, CancellationToken cancellationToken)
    {
        if (transport == BulkReadTransport.InProcess)
        {
            var board = new EmulatedBoard(new EmulatedBoardOptions());
            owned.Add(board);
            var pipe = new InMemoryPipe();
            board.ServeInBackground(pipe.Board, "bulk-board");
            return pipe.Host;
        }

        // The emulated board app as the pty: target starts it (the development key), or on a free loopback port.
        var app = new EmulatedBoardChild(new EmulatedBoardChildOptions { Tcp = transport == BulkReadTransport.Tcp });
        owned.Add(app);
        string address;
        try
        {
            address = await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EmulatedBoardChildException e)
        {
            throw new BenchException(e.Message);
        }

        if (transport == BulkReadTransport.Tcp)
        {
            int colon = address.LastIndexOf(':');
            return await TcpTransport.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        // As the pty: target opens it (the rate means nothing to a pty; 3 Mbaud as the latency run asks).
        var implementation = transport == BulkReadTransport.Pty ? SerialImplementation.Termios : SerialImplementation.Ports;
        return SerialTransport.Open(address, new SerialSettings { BaudRate = 3_000_000, Implementation = implementation });
    }
}
