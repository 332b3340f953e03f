using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Gateway.Board.RaspberryPi;

/// <summary>The gateway-pi process: runs <see cref="PiApp"/> until SIGTERM (systemd stop) or SIGINT.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return PiApp.Run(args, Console.Out, Console.Error, stop.Token);
    }
}
