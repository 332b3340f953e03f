using Gateway.Protocol.Link;
using Gateway.ResourceManager.Introspection;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// The link's part of /fw/status: every link counter by name (frames in/out, drops by reason, requests
    /// applied, duplicates answered from the cache, refusals…), the live sessions and the boot id.
    /// </summary>
    public sealed class LinkStatusSource : IStatusSource
    {
        private readonly BoardLink link;
        private readonly string bootIdText;

        public LinkStatusSource(BoardLink link)
        {
            this.link = link;
            byte[] bootId = new byte[16];
            char[] hex = new char[32];
            link.CopyBootId(bootId, 0);
            for (int i = 0; i < 16; i++)
            {
                hex[2 * i] = Hex(bootId[i] >> 4);
                hex[(2 * i) + 1] = Hex(bootId[i] & 0xF);
            }

            bootIdText = new string(hex); // the boot id never changes while the board runs
        }

        public string Name
        {
            get { return "link"; }
        }

        public void WriteStatus(JsonWriter json)
        {
            LinkCounters c = link.Counters;
            json.BeginObject();
            json.Property("boot_id", bootIdText);
            json.Property("sessions", link.SessionCount);
            for (int i = 0; i < LinkCounters.Count; i++)
            {
                LinkCounter counter = (LinkCounter)i;
                json.Property(LinkCounters.Name(counter), c.Get(counter));
            }

            json.EndObject();
        }

        private static char Hex(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + (v - 10));
        }
    }
}
