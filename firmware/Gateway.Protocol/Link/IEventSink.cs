namespace Gateway.Protocol.Link
{
    /// <summary>
    /// Where devices raise events (QNX pulses): GPIO edges, SPI transfers done. The link sends each to the
    /// authenticated sessions with a running counter per source so a host can see lost events.
    /// Callable from any thread (HAL callbacks).
    /// </summary>
    public interface IEventSink
    {
        void Raise(int source, int code, int value);
    }
}
