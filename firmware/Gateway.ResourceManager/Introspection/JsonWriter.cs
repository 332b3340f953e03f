namespace Gateway.ResourceManager.Introspection
{
    /// <summary>
    /// A small JSON writer into a caller-owned byte buffer (board code: no strings built, no allocation).
    /// Writing past the buffer sets <see cref="Overflowed"/> and drops the rest; callers size buffers so it
    /// does not happen and report it if it does. <see cref="Needed"/> still counts every byte, so a first pass
    /// into an empty buffer measures a document exactly and a second pass writes it into a buffer of that size.
    /// <see cref="ResetWindow"/> keeps only a window of the document (a read at an offset of a document produced on
    /// read, e.g. /fw/map), so no board needs a buffer the size of the whole document.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = 16;

        private readonly bool[] first = new bool[MaxDepth];
        private readonly byte[] digits = new byte[20];
        private byte[] buffer;
        private int start;
        private int limit;
        private int pos;
        private int depth;
        private bool afterName;
        private int dropped;
        private long skip;
        private long skipped;
        private bool windowed;

        public bool Overflowed;

        /// <summary>Starts writing at <paramref name="offset"/>, at most <paramref name="count"/> bytes.</summary>
        public void Reset(byte[] target, int offset, int count)
        {
            buffer = target;
            start = offset;
            pos = offset;
            limit = offset + count;
            depth = 0;
            afterName = false;
            Overflowed = false;
            dropped = 0;
            skip = 0;
            skipped = 0;
            windowed = false;
        }

        /// <summary>
        /// Keeps only the document's bytes from <paramref name="documentOffset"/>: the first ones are counted, not
        /// written; the next <paramref name="count"/> go to <paramref name="target"/> at <paramref name="offset"/>.
        /// </summary>
        public void ResetWindow(byte[] target, int offset, int count, long documentOffset)
        {
            Reset(target, offset, count);
            skip = documentOffset;
            windowed = true;
        }

        /// <summary>True once a window (<see cref="ResetWindow"/>) is full: the rest of the document need not be written.</summary>
        public bool WindowFull
        {
            get { return windowed && pos >= limit; }
        }

        /// <summary>Bytes written since <see cref="Reset"/>.</summary>
        public int Length
        {
            get { return pos - start; }
        }

        /// <summary>Bytes still free in the target.</summary>
        public int Remaining
        {
            get { return limit - pos; }
        }

        /// <summary>Bytes the document needs since <see cref="Reset"/>: those written plus those dropped for want of room.</summary>
        public int Needed
        {
            get { return (int)(pos - start + dropped + skipped); }
        }

        public void BeginObject()
        {
            Separate();
            Put((byte)'{');
            Push();
        }

        public void EndObject()
        {
            depth--;
            Put((byte)'}');
        }

        public void BeginArray()
        {
            Separate();
            Put((byte)'[');
            Push();
        }

        public void EndArray()
        {
            depth--;
            Put((byte)']');
        }

        public void Name(string name)
        {
            Separate();
            WriteString(name);
            Put((byte)':');
            afterName = true;
        }

        public void Value(long v)
        {
            Separate();
            if (v < 0)
            {
                Put((byte)'-');
                WriteUnsigned((ulong)(-(v + 1)) + 1);
            }
            else
            {
                WriteUnsigned((ulong)v);
            }
        }

        public void Value(ulong v)
        {
            Separate();
            WriteUnsigned(v);
        }

        public void Value(bool v)
        {
            Separate();
            PutAscii(v ? "true" : "false");
        }

        public void Value(string s)
        {
            Separate();
            if (s == null)
            {
                PutAscii("null");
                return;
            }

            WriteString(s);
        }

        public void Property(string name, long v)
        {
            Name(name);
            Value(v);
        }

        public void Property(string name, string v)
        {
            Name(name);
            Value(v);
        }

        public void Property(string name, bool v)
        {
            Name(name);
            Value(v);
        }

        /// <summary>A string value written as <paramref name="prefix"/> then <paramref name="rest"/> (a path built without allocating).</summary>
        public void Property(string name, string prefix, string rest)
        {
            Name(name);
            Separate();
            Put((byte)'"');
            WriteEscaped(prefix);
            WriteEscaped(rest);
            Put((byte)'"');
        }

        private void Push()
        {
            if (depth < MaxDepth)
            {
                first[depth] = true;
            }

            depth++;
        }

        private void Separate()
        {
            if (afterName)
            {
                afterName = false;
                return;
            }

            if (depth > 0 && depth <= MaxDepth)
            {
                if (first[depth - 1])
                {
                    first[depth - 1] = false;
                }
                else
                {
                    Put((byte)',');
                }
            }
        }

        private void WriteUnsigned(ulong v)
        {
            int n = 0;
            do
            {
                digits[n++] = (byte)('0' + (int)(v % 10));
                v /= 10;
            }
            while (v != 0);
            while (n > 0)
            {
                Put(digits[--n]);
            }
        }

        private void WriteString(string s)
        {
            Put((byte)'"');
            WriteEscaped(s);
            Put((byte)'"');
        }

        /// <summary>
        /// A string's characters as JSON text in UTF-8: printable ASCII as itself, <c>"</c> and <c>\</c> escaped,
        /// control characters and DEL as <c>\u00XX</c>, every other character as its UTF-8 bytes (a surrogate pair
        /// as the four bytes of its code point). A lone surrogate has no UTF-8 form, so it is written as the
        /// <c>\uXXXX</c> escape of itself. Byte by byte through <see cref="Put"/>, so a window
        /// (<see cref="ResetWindow"/>) may start or end inside a character and still join up.
        /// </summary>
        private void WriteEscaped(string s)
        {
            int n = s.Length;
            for (int i = 0; i < n; i++)
            {
                int c = s[i];
                if (c >= 0x20 && c < 0x7F)
                {
                    if (c == '"' || c == '\\')
                    {
                        Put((byte)'\\');
                    }

                    Put((byte)c);
                }
                else if (c < 0x80)
                {
                    PutEscape(c);
                }
                else if (c < 0x800)
                {
                    Put((byte)(0xC0 | (c >> 6)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    Put((byte)(0xE0 | (c >> 12)));
                    Put((byte)(0x80 | ((c >> 6) & 0x3F)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
                else if (c < 0xDC00 && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int code = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    Put((byte)(0xF0 | (code >> 18)));
                    Put((byte)(0x80 | ((code >> 12) & 0x3F)));
                    Put((byte)(0x80 | ((code >> 6) & 0x3F)));
                    Put((byte)(0x80 | (code & 0x3F)));
                }
                else
                {
                    PutEscape(c);
                }
            }
        }

        /// <summary><c>\u</c> and four hex digits: the escape of one UTF-16 code unit.</summary>
        private void PutEscape(int unit)
        {
            Put((byte)'\\');
            Put((byte)'u');
            Put(Hex((unit >> 12) & 0xF));
            Put(Hex((unit >> 8) & 0xF));
            Put(Hex((unit >> 4) & 0xF));
            Put(Hex(unit & 0xF));
        }

        private static byte Hex(int v)
        {
            return (byte)(v < 10 ? '0' + v : 'a' + (v - 10));
        }

        private void PutAscii(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                Put((byte)s[i]);
            }
        }

        private void Put(byte b)
        {
            if (skip > 0)
            {
                skip--;
                skipped++;
                return;
            }

            if (pos >= limit)
            {
                Overflowed = true;
                dropped++;
                return;
            }

            buffer[pos++] = b;
        }
    }
}
