// Declarations only: nanoFramework.System.Text, lib\nanoFramework.System.Text.dll. StringBuilder and Encoding
// live here, not in mscorlib.
namespace System.Text
{
    public abstract class Encoding
    {
        protected Encoding() { }
        public static Encoding UTF8 { get { throw null; } }
        public abstract byte[] GetBytes(string s);
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public abstract char[] GetChars(byte[] bytes);
        public abstract char[] GetChars(byte[] bytes, int byteIndex, int byteCount);
        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
    }

    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { }
        public override byte[] GetBytes(string s) { throw null; }
        public override char[] GetChars(byte[] bytes) { throw null; }
        public override char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
    }

    public sealed class StringBuilder
    {
        public StringBuilder() { }
        public StringBuilder(int capacity) { }
        public StringBuilder(string value) { }
        public int Length { get { throw null; } set { } }
        public int Capacity { get { throw null; } set { } }
        public StringBuilder Append(string value) { throw null; }
        public StringBuilder Append(char value) { throw null; }
        public StringBuilder Append(int value) { throw null; }
        public StringBuilder Append(uint value) { throw null; }
        public StringBuilder Append(long value) { throw null; }
        public StringBuilder AppendLine() { throw null; }
        public StringBuilder AppendLine(string str) { throw null; }
        public StringBuilder Clear() { throw null; }
        public override string ToString() { throw null; }
    }
}
