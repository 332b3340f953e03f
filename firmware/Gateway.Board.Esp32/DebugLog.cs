using System.Diagnostics;
using Gateway.Protocol.Platform;

namespace Gateway.Board.Esp32
{
    /// <summary>The board log on the debugger's output (Visual Studio / VS Code); silent in Release builds.</summary>
    public sealed class DebugLog : ILog
    {
        public void Info(string message)
        {
            Debug.WriteLine("gateway: " + message);
        }

        public void Warn(string message)
        {
            Debug.WriteLine("gateway: warning: " + message);
        }
    }
}
