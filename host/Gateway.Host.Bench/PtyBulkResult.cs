namespace Gateway.Host.Bench;

/// <summary>
/// One bulk read's figures: the reads and lseeks sent, the bytes read and compared with the file's pattern, the wire
/// bytes both ways and the reads that brought them as counted on the host's stream, and the time (the per-read samples time each
/// <c>_IO_READ</c> from the host's send to its reply; <see cref="Seconds"/> spans the whole loop, lseeks included).
/// </summary>
public sealed record PtyBulkResult(
    BulkReadTransport Transport,
    BulkPattern Pattern,
    int FileBytes,
    int ReadBytes,
    int NegotiatedBody,
    long Reads,
    long Lseeks,
    long BytesRead,
    long BytesChecked,
    long HostToBoardBytes,
    long BoardToHostBytes,
    long HostReads,
    long Retransmits,
    double Seconds,
    double MeanMicroseconds,
    double P50Microseconds,
    double P99Microseconds)
{
    public double MiBPerSecond => BytesRead / Seconds / (1 << 20);

    /// <summary>
    /// The pieces each reply reached the host in: the host stream's reads that returned bytes ÷ the replies (reads
    /// and lseeks). The host reads up to 16 KiB at a time, so a 16 KiB reply's frame takes at least two.
    /// </summary>
    public double PiecesPerReply => (double)HostReads / (Reads + Lseeks);

    /// <summary>Wire bytes (both directions, requests and lseeks included) ÷ bytes read.</summary>
    public double WirePerPayload => (double)(HostToBoardBytes + BoardToHostBytes) / BytesRead;
}
