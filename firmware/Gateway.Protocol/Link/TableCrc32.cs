using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The portable <see cref="ICrc32"/>: the table-driven <see cref="Crc32"/>, one managed step per byte. Boards
    /// without a native CRC use it (a null <see cref="BoardLinkConfig.Crc"/> means this one).
    /// </summary>
    public sealed class TableCrc32 : ICrc32
    {
        /// <summary>The one instance (it holds no state).</summary>
        public static readonly TableCrc32 Instance = new TableCrc32();

        private TableCrc32()
        {
        }

        public uint Compute(byte[] data, int offset, int count)
        {
            return Crc32.Compute(data, offset, count);
        }
    }
}
