namespace Gateway.Protocol.Platform
{
    /// <summary>The board's log (Debug output on the ESP32, stderr on desktop). Keys never reach it.</summary>
    public interface ILog
    {
        void Info(string message);

        void Warn(string message);
    }
}
