namespace Gateway.Protocol.Platform
{
    /// <summary>The board's clock: a monotonic millisecond counter for timeouts and the wall time for stat times.</summary>
    public interface IClock
    {
        /// <summary>Monotonic milliseconds since an arbitrary start (never goes back).</summary>
        long MonotonicMs { get; }

        /// <summary>Wall-clock seconds since the Unix epoch, and the nanoseconds within that second.</summary>
        void UtcNow(out long seconds, out int nanoseconds);
    }
}
