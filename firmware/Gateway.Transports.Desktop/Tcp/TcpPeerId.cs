using System;
using System.Net;
using System.Net.Sockets;
using Gateway.Protocol.Link;

namespace Gateway.Transports.Desktop.Tcp;

/// <summary>
/// The board link's peer number for a TCP connection (hardware-docs/link.md §10, "Places"): its remote IP address,
/// never its port, so every connection one machine opens counts as one peer. An IPv4 address mapped into IPv6 is the
/// IPv4 address; an IPv6 address counts by its /64 prefix, the block one host or one LAN is given. The number is a
/// hash seeded anew in every process, so a peer cannot pick an address whose number is another peer's; it is never
/// <see cref="BoardLink.UnknownPeer"/>.
/// </summary>
public static class TcpPeerId
{
    /// <summary>The prefix of an IPv6 address that names its peer, in bytes (a /64).</summary>
    public const int Ipv6PrefixBytes = 8;

    /// <summary>The peer number of <paramref name="address"/>.</summary>
    public static int Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int length))
        {
            throw new ArgumentException("Not an IPv4 or IPv6 address.", nameof(address));
        }

        var hash = new HashCode();
        hash.Add(address.AddressFamily);
        hash.AddBytes(bytes[..(address.AddressFamily == AddressFamily.InterNetworkV6 ? Ipv6PrefixBytes : length)]);
        int id = hash.ToHashCode();
        return id == BoardLink.UnknownPeer ? 1 : id;
    }
}
