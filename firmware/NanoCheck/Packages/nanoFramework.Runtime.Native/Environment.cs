// Declarations only: nanoFramework.Runtime.Native, lib\nanoFramework.Runtime.Native.dll. System.Environment lives
// here, not in mscorlib: an app that reads the tick counter must reference this package.
namespace System
{
    public static class Environment
    {
        /// <summary>Milliseconds since the device started (never goes back).</summary>
        public static long TickCount64 { get { throw null; } }
    }
}
