using Gateway.ResourceManager.Introspection;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// The edge reader's health in /fw/status as "gpio-edges": events read, edges the kernel dropped (counted all the
/// same), handler failures, and how late the latest and the slowest event were handed on after the kernel
/// timestamped it (µs), plus why the reader stopped if it did.
/// </summary>
internal sealed class EdgeStatusSource : IStatusSource
{
    private readonly EdgeEventReader reader;

    public EdgeStatusSource(EdgeEventReader reader) => this.reader = reader;

    public string Name => "gpio-edges";

    public void WriteStatus(JsonWriter json)
    {
        json.BeginObject();
        json.Property("events", this.reader.EventsRead);
        json.Property("lost", this.reader.EventsLost);
        json.Property("handlerFailures", this.reader.HandlerFailures);
        json.Property("lastLagUs", this.reader.LastLagNs / 1000);
        json.Property("maxLagUs", this.reader.MaxLagNs / 1000);
        json.Property("running", this.reader.StopReason == null);
        if (this.reader.StopReason != null)
        {
            json.Property("stopped", this.reader.StopReason);
        }

        json.EndObject();
    }
}
