using Gateway.ResourceManager;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// /fw/bin/table.bin produced on read (<see cref="FirmwareImages.Table"/>): word i is the CRC-32 table entry
    /// of i mod 256 (IEEE, reflected 0xEDB88320), little-endian, computed for the words a read covers — eight
    /// shift steps per word, nothing kept.
    /// </summary>
    public sealed class CrcTableContent : IFileContent
    {
        private const uint Polynomial = 0xEDB88320;

        public void CopyTo(long offset, byte[] target, int targetOffset, int count)
        {
            int p = (int)offset;
            int end = p + count;
            int at = targetOffset;
            while (p < end)
            {
                uint c = (uint)((p >> 2) & 0xFF);
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
                }

                // The bytes of this word the read covers, from the byte p is at.
                for (int b = p & 3; b < 4 && p < end; b++)
                {
                    target[at++] = (byte)(c >> (8 * b));
                    p++;
                }
            }
        }
    }
}
