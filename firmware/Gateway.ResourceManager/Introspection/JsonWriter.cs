namespace Gateway.ResourceManager.Introspection
{
    /// <summary>
    /// A small JSON writer into a caller-owned byte buffer (board code: no strings built, no allocation).
    /// Writing past the buffer sets <see cref="Overflowed"/> and drops the rest; callers size buffers so it
    /// does not happen and report it if it does. <see cref="Needed"/> still counts every byte, so a first pass
    /// into an empty buffer measures a document exactly and a second pass writes it into a buffer of that size.
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
            get { return pos - start + dropped; }
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
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20 || c > 0x7E)
                {
                    PutAscii("\\u00");
                    Put(Hex((c >> 4) & 0xF));
                    Put(Hex(c & 0xF));
                }
                else
                {
                    Put((byte)c);
                }
            }

            Put((byte)'"');
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
