using Gateway.Protocol.Link;

namespace Gateway.Devices.Events
{
    /// <summary>
    /// Forwards device events to the link once it exists (the link needs the resource manager, the resource
    /// manager's devices need somewhere to raise events). Events raised before a target is set are dropped.
    /// </summary>
    public sealed class EventRelay : IEventSink
    {
        private IEventSink target;

        public IEventSink Target
        {
            get { return target; }
            set { target = value; }
        }

        public void Raise(int source, int code, int value)
        {
            IEventSink t = target;
            if (t != null)
            {
                t.Raise(source, code, value);
            }
        }
    }
}
