using Gateway.Protocol.Link;

namespace Gateway.Host.Link;

/// <summary>
/// The host holds the public development key and the board does not announce itself as emulated (HELLO_REPLY's
/// board_kind): the handshake stops before the host proves anything, so the development key never opens a real
/// board (hardware-docs/link.md §6).
/// </summary>
public sealed class LinkDevelopmentKeyException : LinkException
{
    public LinkDevelopmentKeyException(BoardInfo board)
        : base($"the development key is only for emulated boards, and '{board.Name}' ({board.Model}) announces itself as a {BoardKind.Name(board.Kind)} board")
    {
        Board = board;
    }

    /// <summary>The board as it presented itself.</summary>
    public BoardInfo Board { get; }
}
