namespace Gateway.Host.Board;

/// <summary>
/// An event from the board (a QNX pulse): source, code, value and the source's running counter.
/// <see cref="Lost"/> counts the events of this source that never arrived before this one (a gap in the counter);
/// the first event seen of a source, and sources the board does not count (counter 0), report 0. The link client
/// and the in-process emulated board both deliver this one type.
/// </summary>
public sealed record BoardEvent(int Source, int Code, int Value, uint Counter, long Lost);
