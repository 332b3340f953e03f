using System.Text;

namespace Gateway.Protocol.Link
{
    /// <summary>The fixed-size text fields of HELLO_REPLY: UTF-8, NUL-padded, cut at a character boundary.</summary>
    public static class LinkText
    {
        /// <summary>Writes <paramref name="text"/> into <paramref name="size"/> bytes (null writes zeros). Called at setup, not per frame.</summary>
        public static void Write(string text, byte[] dst, int offset, int size)
        {
            System.Array.Clear(dst, offset, size);

            if (text == null)
            {
                return;
            }

            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            int n = utf8.Length < size ? utf8.Length : size;
            // Never end inside a multi-byte character: back off over continuation bytes (10xxxxxx).
            if (n < utf8.Length)
            {
                while (n > 0 && (utf8[n] & 0xC0) == 0x80)
                {
                    n--;
                }
            }

            System.Array.Copy(utf8, 0, dst, offset, n);
        }

        /// <summary>Reads a NUL-padded field back into a string.</summary>
        public static string Read(byte[] src, int offset, int size)
        {
            int n = 0;
            while (n < size && src[offset + n] != 0)
            {
                n++;
            }

            return n == 0 ? string.Empty : Encoding.UTF8.GetString(src, offset, n);
        }
    }
}
