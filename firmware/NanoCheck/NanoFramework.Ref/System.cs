// Declarations only: bodies are `throw null`. Surface of nanoFramework.CoreLibrary (mscorlib) 1.17.
namespace System
{
    public class Object
    {
        public Object() { }
        public virtual bool Equals(object obj) { throw null; }
        public virtual int GetHashCode() { throw null; }
        public virtual string ToString() { throw null; }
        public Type GetType() { throw null; }
        public static bool ReferenceEquals(object a, object b) { throw null; }
        public static bool Equals(object a, object b) { throw null; }
        protected object MemberwiseClone() { throw null; }
    }

    public abstract class ValueType { }
    public abstract class Enum : ValueType { }
    public struct Void { }

    public struct Boolean { public override string ToString() { throw null; } }

    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0;
        public override string ToString() { throw null; }
    }

    public struct SByte { public const sbyte MaxValue = 127; public const sbyte MinValue = -128; public override string ToString() { throw null; } }
    public struct Byte { public const byte MaxValue = 255; public const byte MinValue = 0; public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct Int16 { public const short MaxValue = 32767; public const short MinValue = -32768; public override string ToString() { throw null; } }
    public struct UInt16 { public const ushort MaxValue = 65535; public const ushort MinValue = 0; public override string ToString() { throw null; } }
    public struct Int32 { public const int MaxValue = 2147483647; public const int MinValue = -2147483648; public override string ToString() { throw null; } public string ToString(string format) { throw null; } public static int Parse(string s) { throw null; } }
    public struct UInt32 { public const uint MaxValue = 4294967295; public const uint MinValue = 0; public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct Int64 { public const long MaxValue = 9223372036854775807; public const long MinValue = -9223372036854775808; public override string ToString() { throw null; } }
    public struct UInt64 { public const ulong MaxValue = 18446744073709551615; public const ulong MinValue = 0; public override string ToString() { throw null; } }
    public struct Single { public override string ToString() { throw null; } }
    public struct Double { public override string ToString() { throw null; } }
    public struct IntPtr { }
    public struct UIntPtr { }

    public sealed class String
    {
        public static readonly string Empty;
        public String(char[] value) { }
        public String(char[] value, int startIndex, int length) { }
        public String(char c, int count) { }
        public int Length { get { throw null; } }
        [System.Runtime.CompilerServices.IndexerName("Chars")]
        public char this[int index] { get { throw null; } }
        public override bool Equals(object obj) { throw null; }
        public bool Equals(string value) { throw null; }
        public static bool Equals(string a, string b) { throw null; }
        public static bool operator ==(string a, string b) { throw null; }
        public static bool operator !=(string a, string b) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
        public static string Concat(object a) { throw null; }
        public static string Concat(object a, object b) { throw null; }
        public static string Concat(object a, object b, object c) { throw null; }
        public static string Concat(object a, object b, object c, object d) { throw null; }
        public static string Concat(params object[] args) { throw null; }
        public static string Concat(string a, string b) { throw null; }
        public static string Concat(string a, string b, string c) { throw null; }
        public static string Concat(string a, string b, string c, string d) { throw null; }
        public static string Concat(params string[] values) { throw null; }
        public static bool IsNullOrEmpty(string value) { throw null; }
        public int CompareTo(string value) { throw null; }
        public static int Compare(string a, string b) { throw null; }
        public string Substring(int startIndex) { throw null; }
        public string Substring(int startIndex, int length) { throw null; }
        public int IndexOf(char value) { throw null; }
        public int IndexOf(char value, int startIndex) { throw null; }
        public int IndexOf(string value) { throw null; }
        public int IndexOf(string value, int startIndex) { throw null; }
        public int LastIndexOf(char value) { throw null; }
        public bool StartsWith(string value) { throw null; }
        public bool EndsWith(string value) { throw null; }
        public string[] Split(params char[] separator) { throw null; }
        public string Trim() { throw null; }
        public string ToLower() { throw null; }
        public string ToUpper() { throw null; }
        public char[] ToCharArray() { throw null; }
    }

    public abstract class Array
    {
        public int Length { get { throw null; } }
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) { }
        public static void Copy(Array sourceArray, Array destinationArray, int length) { }
        public static void Clear(Array array, int index, int length) { }
        public static int IndexOf(Array array, object value) { throw null; }
        public static int IndexOf(Array array, object value, int startIndex) { throw null; }
        public static int IndexOf(Array array, object value, int startIndex, int count) { throw null; }
        public object Clone() { throw null; }
    }

    public abstract class Delegate
    {
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }
        public static Delegate Remove(Delegate source, Delegate value) { throw null; }
        public static bool operator ==(Delegate d1, Delegate d2) { throw null; }
        public static bool operator !=(Delegate d1, Delegate d2) { throw null; }
    }
    public abstract class MulticastDelegate : Delegate { }

    public abstract class Type
    {
        public abstract string Name { get; }
        public abstract string FullName { get; }
    }
    public struct RuntimeTypeHandle { }
    public struct RuntimeFieldHandle { }
    public struct RuntimeMethodHandle { }

    public interface IDisposable { void Dispose(); }

    public class Attribute { protected Attribute() { } }
    [Flags]
    public enum AttributeTargets
    {
        Assembly = 1, Module = 2, Class = 4, Struct = 8, Enum = 16, Constructor = 32, Method = 64, Property = 128,
        Field = 256, Event = 512, Interface = 1024, Parameter = 2048, Delegate = 4096, ReturnValue = 8192,
        GenericParameter = 16384, All = 32767,
    }
    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { }
        public bool AllowMultiple { get { throw null; } set { } }
        public bool Inherited { get { throw null; } set { } }
    }
    public sealed class ParamArrayAttribute : Attribute { }
    public class FlagsAttribute : Attribute { }
    public sealed class ObsoleteAttribute : Attribute { public ObsoleteAttribute() { } public ObsoleteAttribute(string message) { } }
    public sealed class SerializableAttribute : Attribute { }
    public sealed class CLSCompliantAttribute : Attribute { public CLSCompliantAttribute(bool isCompliant) { } }

    public class Exception
    {
        public Exception() { }
        public Exception(string message) { }
        public Exception(string message, Exception innerException) { }
        public virtual string Message { get { throw null; } }
        public Exception InnerException { get { throw null; } }
    }
    public class SystemException : Exception { public SystemException() { } public SystemException(string message) { } }
    public class ArgumentException : SystemException { public ArgumentException() { } public ArgumentException(string message) { } public ArgumentException(string message, string paramName) { } }
    public class ArgumentNullException : ArgumentException { public ArgumentNullException() { } public ArgumentNullException(string paramName) { } }
    public class ArgumentOutOfRangeException : ArgumentException { public ArgumentOutOfRangeException() { } public ArgumentOutOfRangeException(string paramName) { } public ArgumentOutOfRangeException(string paramName, string message) { } }
    public class InvalidOperationException : SystemException { public InvalidOperationException() { } public InvalidOperationException(string message) { } }
    public class NotSupportedException : SystemException { public NotSupportedException() { } public NotSupportedException(string message) { } }
    public class NotImplementedException : SystemException { public NotImplementedException() { } public NotImplementedException(string message) { } }
    public class IndexOutOfRangeException : SystemException { public IndexOutOfRangeException() { } }
    public class NullReferenceException : SystemException { public NullReferenceException() { } }
    public class ObjectDisposedException : InvalidOperationException { public ObjectDisposedException(string objectName) { } }
    public class TimeoutException : SystemException { public TimeoutException() { } public TimeoutException(string message) { } }

    public struct TimeSpan
    {
        public TimeSpan(long ticks) { }
        public long Ticks { get { throw null; } }
        public static TimeSpan FromMilliseconds(double value) { throw null; }
    }

    public struct DateTime
    {
        public DateTime(long ticks) { }
        public static DateTime UtcNow { get { throw null; } }
        public long Ticks { get { throw null; } }
    }

    public class Random
    {
        public Random() { }
        public Random(int seed) { }
        public virtual int Next() { throw null; }
        public virtual int Next(int maxValue) { throw null; }
        public virtual void NextBytes(byte[] buffer) { }
    }

    public delegate void EventHandler(object sender, EventArgs e);
    public class EventArgs { public static readonly EventArgs Empty; public EventArgs() { } }
}

namespace System.Reflection
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
    public sealed class DefaultMemberAttribute : Attribute { public DefaultMemberAttribute(string memberName) { } }
}

namespace System.Runtime.CompilerServices
{
    public static class RuntimeHelpers
    {
        public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle) { }
        public static int OffsetToStringData { get { throw null; } }
    }
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class IndexerNameAttribute : Attribute { public IndexerNameAttribute(string indexerName) { } }
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Assembly)]
    public sealed class ExtensionAttribute : Attribute { }
    public sealed class CompilerGeneratedAttribute : Attribute { }
    public static class IsVolatile { }
}

namespace System.Diagnostics
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
    public sealed class ConditionalAttribute : Attribute { public ConditionalAttribute(string conditionString) { } }
    public static class Debug
    {
        [Conditional("DEBUG")] public static void WriteLine(string message) { }
        [Conditional("DEBUG")] public static void Assert(bool condition) { }
        [Conditional("DEBUG")] public static void Assert(bool condition, string message) { }
    }
    public sealed class DebuggerBrowsableAttribute : Attribute { public DebuggerBrowsableAttribute(DebuggerBrowsableState state) { } }
    public enum DebuggerBrowsableState { Never = 0, Collapsed = 2, RootHidden = 3 }
}

namespace System.Collections
{
    public interface IEnumerable { IEnumerator GetEnumerator(); }
    public interface IEnumerator { object Current { get; } bool MoveNext(); void Reset(); }
    public interface ICollection : IEnumerable { int Count { get; } }
    public interface IList : ICollection { object this[int index] { get; set; } int Add(object value); void Clear(); void RemoveAt(int index); }

    public class ArrayList : IList
    {
        public ArrayList() { }
        public virtual int Count { get { throw null; } }
        public virtual object this[int index] { get { throw null; } set { } }
        public virtual int Add(object value) { throw null; }
        public virtual void Clear() { }
        public virtual bool Contains(object value) { throw null; }
        public virtual int IndexOf(object value) { throw null; }
        public virtual void Insert(int index, object value) { }
        public virtual void Remove(object value) { }
        public virtual void RemoveAt(int index) { }
        public virtual object[] ToArray() { throw null; }
        public virtual IEnumerator GetEnumerator() { throw null; }
    }
}

namespace System.Threading
{
    public delegate void ThreadStart();
    public delegate void TimerCallback(object state);
    public enum ThreadPriority { Lowest = 0, BelowNormal = 1, Normal = 2, AboveNormal = 3, Highest = 4 }

    public sealed class Thread
    {
        public Thread(ThreadStart start) { }
        public void Start() { }
        public void Join() { }
        public bool Join(int millisecondsTimeout) { throw null; }
        public void Abort() { }
        public bool IsAlive { get { throw null; } }
        public ThreadPriority Priority { get { throw null; } set { } }
        public static void Sleep(int millisecondsTimeout) { }
        public static Thread CurrentThread { get { throw null; } }
    }

    public static class Monitor
    {
        public static void Enter(object obj) { }
        public static void Exit(object obj) { }
    }

    public static class Timeout { public const int Infinite = -1; }

    public static class Interlocked
    {
        public static int Increment(ref int location) { throw null; }
        public static int Decrement(ref int location) { throw null; }
        public static int Exchange(ref int location1, int value) { throw null; }
        public static int CompareExchange(ref int location1, int value, int comparand) { throw null; }
    }

    public abstract class WaitHandle
    {
        public const int WaitTimeout = 258;
        public virtual bool WaitOne() { throw null; }
        public virtual bool WaitOne(int millisecondsTimeout, bool exitContext) { throw null; }
    }
    public sealed class AutoResetEvent : WaitHandle { public AutoResetEvent(bool initialState) { } public bool Set() { throw null; } public bool Reset() { throw null; } }
    public sealed class ManualResetEvent : WaitHandle { public ManualResetEvent(bool initialState) { } public bool Set() { throw null; } public bool Reset() { throw null; } }

    public sealed class Timer : IDisposable
    {
        public Timer(TimerCallback callback, object state, int dueTime, int period) { }
        public bool Change(int dueTime, int period) { throw null; }
        public void Dispose() { }
    }
}

namespace System.Text
{
    // nanoFramework.System.Text
    public abstract class Encoding
    {
        public static Encoding UTF8 { get { throw null; } }
        public virtual byte[] GetBytes(string s) { throw null; }
        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
    }
    public sealed class StringBuilder
    {
        public StringBuilder() { }
        public StringBuilder(int capacity) { }
        public int Length { get { throw null; } set { } }
        public StringBuilder Append(string value) { throw null; }
        public StringBuilder Append(char value) { throw null; }
        public StringBuilder Clear() { throw null; }
        public override string ToString() { throw null; }
    }
}
