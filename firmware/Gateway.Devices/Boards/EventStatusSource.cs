using Gateway.Protocol.Link;
using Gateway.ResourceManager.Introspection;

namespace Gateway.Devices.Boards
{
    /// <summary>The event counters of /fw/status: per source, the running counter of events raised.</summary>
    public sealed class EventStatusSource : IStatusSource
    {
        private readonly BoardLink link;

        public EventStatusSource(BoardLink link)
        {
            this.link = link;
        }

        public string Name
        {
            get { return "events"; }
        }

        public void WriteStatus(JsonWriter json)
        {
            json.BeginArray();
            int n = link.EventSourcesSeen;
            for (int i = 0; i < n; i++)
            {
                int source;
                uint count;
                link.EventSourceAt(i, out source, out count);
                json.BeginObject();
                json.Property("source", source);
                json.Property("count", (long)count);
                json.EndObject();
            }

            json.EndArray();
        }
    }
}
