using Gateway.ResourceManager.Introspection;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// The edge reader's health in /fw/status as "gpio-edges": events read, edges the kernel dropped (counted all the
/// same), handler failures, and how late the latest and the slowest event were handed on after the kernel
/// timestamped it (µs), plus why the reader stopped if it did.
/// </summary>
internal sealed class EdgeStatusSource : IStatusSource
{
    private readonly EdgeEventReader _reader;

    public EdgeStatusSource(EdgeEventReader reader) => _reader = reader;

    public string Name => "gpio-edges";

    public void WriteStatus(JsonWriter json)
    {
        json.BeginObject();
        json.Property("events", _reader.EventsRead);
        json.Property("lost", _reader.EventsLost);
        json.Property("handlerFailures", _reader.HandlerFailures);
        json.Property("lastLagUs", _reader.LastLagNs / 1000);
        json.Property("maxLagUs", _reader.MaxLagNs / 1000);
        json.Property("running", _reader.StopReason == null);
        if (_reader.StopReason != null)
        {
            json.Property("stopped", _reader.StopReason);
        }

        json.EndObject();
    }
}
