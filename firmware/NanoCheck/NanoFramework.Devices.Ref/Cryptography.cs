// Declarations only: nanoFramework.System.Security.Cryptography (System.Security.Cryptography namespace).
namespace System.Security.Cryptography
{
    public class HMACSHA256 : IDisposable
    {
        public HMACSHA256(byte[] key) { }
        public byte[] ComputeHash(byte[] buffer) { throw null; }
        public void Dispose() { }
    }
}
