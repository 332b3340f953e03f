using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// EVENT (board → host): a QNX-pulse-like notice. Header: seq = the running counter of the source (1, 2, … per
    /// board start; 0 = a source past the board's table, not counted), a = source, b = code, flags 0, reason 0.
    /// <code>
    /// off size field  meaning
    ///   0   4  value  i32: e.g. the pins that changed
    /// </code>
    /// Events are not retransmitted: a host sees a gap in a source's counter as lost events.
    /// </summary>
    public static class EventBody
    {
        public const int Size = 4;
        public const int OffValue = 0;

        public static int Encode(byte[] b, int o, int value)
        {
            LittleEndian.WriteI32(b, o + OffValue, value);
            return Size;
        }
    }
}
