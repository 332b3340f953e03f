// Declarations only: nanoFramework.System.Collections, lib\nanoFramework.System.Collections.dll. ArrayList is
// mscorlib's; the app uses nothing of this package today, so only the types it would reach first are declared.
namespace System.Collections
{
    public class Hashtable : ICollection
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public virtual int Count { get { throw null; } }
        public virtual object this[object key] { get { throw null; } set { } }
        public virtual void Add(object key, object value) { }
        public virtual void Clear() { }
        public virtual bool Contains(object key) { throw null; }
        public virtual bool ContainsKey(object key) { throw null; }
        public virtual void Remove(object key) { }
        public virtual void CopyTo(Array array, int index) { }
        public virtual bool IsSynchronized { get { throw null; } }
        public virtual object SyncRoot { get { throw null; } }
        public virtual IEnumerator GetEnumerator() { throw null; }
    }
}
