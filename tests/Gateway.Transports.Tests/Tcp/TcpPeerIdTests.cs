using System.Net;
using System.Net.Sockets;
using Gateway.Protocol.Link;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Transports.Tests.Tcp;

/// <summary>The peer number a TCP connection is served with (hardware-docs/link.md §10, the fair share of places).</summary>
public sealed class TcpPeerIdTests
{
    [Fact]
    public void Of_SameIpv4Address_SameNumberAndNeverTheUnknownPeer()
    {
        int a = TcpPeerId.Of(IPAddress.Parse("192.168.1.20"));

        Assert.Equal(a, TcpPeerId.Of(IPAddress.Parse("192.168.1.20")));
        Assert.NotEqual(BoardLink.UnknownPeer, a);
    }

    [Fact]
    public void Of_OtherIpv4Address_OtherNumber()
    {
        Assert.NotEqual(TcpPeerId.Of(IPAddress.Parse("127.0.0.1")), TcpPeerId.Of(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void Of_Ipv4MappedIntoIpv6_IsTheIpv4Peer()
    {
        Assert.Equal(TcpPeerId.Of(IPAddress.Parse("10.0.0.7")), TcpPeerId.Of(IPAddress.Parse("::ffff:10.0.0.7")));
    }

    [Fact]
    public void Of_Ipv6_CountsByTheSlash64Prefix()
    {
        int host1 = TcpPeerId.Of(IPAddress.Parse("2001:db8:1:2::1"));

        Assert.Equal(host1, TcpPeerId.Of(IPAddress.Parse("2001:db8:1:2:abcd:ef01:2345:6789")));
        Assert.NotEqual(host1, TcpPeerId.Of(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void Accept_TwoConnectionsFromOneAddress_OnePeer_AnotherAddressAnother()
    {
        // Linux routes all of 127/8 to lo: a client socket bound to 127.0.0.2 is another machine as far as TCP knows.
        using var listener = new TcpBoardListener(new IPEndPoint(IPAddress.Loopback, 0), maxConnections: 3);
        using Socket first = ConnectFrom("127.0.0.1", listener);
        using Socket second = ConnectFrom("127.0.0.1", listener);
        using Socket other = ConnectFrom("127.0.0.2", listener);

        IByteStream s1 = listener.Accept(10_000, out int p1)!;
        IByteStream s2 = listener.Accept(10_000, out int p2)!;
        IByteStream s3 = listener.Accept(10_000, out int p3)!;

        Assert.Equal(p1, p2);
        Assert.NotEqual(p1, p3);
        Assert.Equal(TcpPeerId.Of(IPAddress.Parse("127.0.0.2")), p3);
        s1.Close();
        s2.Close();
        s3.Close();
    }

    private static Socket ConnectFrom(string local, TcpBoardListener listener)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
        s.Connect(listener.LocalEndPoint);
        return s;
    }
}
