namespace Gateway.ResourceManager.Introspection
{
    /// <summary>
    /// Something /fw/status reports besides the files: the link counters, the event counters. Each source
    /// writes one JSON value (usually an object) under its name.
    /// </summary>
    public interface IStatusSource
    {
        string Name { get; }

        void WriteStatus(JsonWriter json);
    }
}
