using Gateway.ResourceManager;
using Gateway.ResourceManager.Introspection;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// /fw/map produced on read (G, boards/esp32-devkitc "Memory"): no copy of the ~6 KB document is kept; a read
    /// writes the document again and keeps the bytes it asked for. What the map lists is fixed when the board is
    /// built (<see cref="Capture"/>): the resources there were, with their sizes then, so every read returns the
    /// same bytes however /data changes afterwards — as the stored document did. A read costs one pass of the
    /// JSON writer up to the end of the window it asked for; it allocates nothing.
    /// </summary>
    public sealed class FwMapContent : IFileContent
    {
        private static readonly byte[] Nothing = new byte[0];

        private readonly Board board;
        private readonly JsonWriter json = new JsonWriter();
        private long[] sizes = new long[0];
        private int count;

        public FwMapContent(Board board)
        {
            this.board = board;
        }

        /// <summary>How many resources the map lists (the namespace's first ones).</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>The size the map states for the <paramref name="index"/>-th resource.</summary>
        public long SizeOf(int index)
        {
            return sizes[index];
        }

        /// <summary>Fixes what the map lists: every resource there is now, with its size now.</summary>
        public void Capture()
        {
            Namespace ns = board.Rm.Namespace;
            count = ns.Count;
            if (sizes.Length != count)
            {
                sizes = new long[count];
            }

            for (int i = 0; i < count; i++)
            {
                sizes[i] = ns[i].Size;
            }
        }

        /// <summary>The document's length in bytes.</summary>
        public int Measure()
        {
            json.Reset(Nothing, 0, 0);
            FwJson.WriteMap(json, board, this);
            return json.Needed;
        }

        public void CopyTo(long offset, byte[] target, int targetOffset, int length)
        {
            json.ResetWindow(target, targetOffset, length, offset);
            FwJson.WriteMap(json, board, this);
        }

        /// <summary>The whole document in a new array (for the desktop and tests; the board reads through <see cref="CopyTo"/>).</summary>
        public byte[] ToArray()
        {
            byte[] document = new byte[Measure()];
            json.Reset(document, 0, document.Length);
            FwJson.WriteMap(json, board, this);
            if (json.Overflowed || json.Length != document.Length)
            {
                throw new System.InvalidOperationException("/fw/map changed between its two passes");
            }

            return document;
        }
    }
}
