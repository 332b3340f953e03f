// Declarations only (bodies throw null): nanoFramework.Runtime.Events, lib\nanoFramework.Runtime.Events.dll.
namespace nanoFramework.Runtime.Events
{
    /// <summary>The base of every event nanoFramework's native code dispatches to managed handlers (GPIO edges among them).</summary>
    public class BaseEvent
    {
        public BaseEvent() { }
    }
}
