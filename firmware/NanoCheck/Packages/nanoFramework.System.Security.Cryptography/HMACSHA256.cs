// Declarations only: nanoFramework.System.Security.Cryptography, lib\nanoFramework.System.Security.Cryptography.dll
// (the assembly carries the nanoFramework. prefix; its namespace does not).
namespace System.Security.Cryptography
{
    public class HMACSHA256 : IDisposable
    {
        public HMACSHA256() { }
        public HMACSHA256(byte[] key) { }
        public byte[] Hash { get { throw null; } }
        public byte[] Key { get { throw null; } set { } }
        public byte[] ComputeHash(byte[] buffer) { throw null; }
        public static byte[] HashData(byte[] key, byte[] source) { throw null; }
        public void Dispose() { }
        protected void Dispose(bool disposing) { }
    }
}
