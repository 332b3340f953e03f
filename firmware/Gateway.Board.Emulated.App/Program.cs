using System;
using System.Threading;
using Gateway.Board.Emulated;

namespace Gateway.Board.Emulated.App;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 1 && (args[0] == "--help" || args[0] == "-h"))
        {
            Console.WriteLine(EmulatedBoardApp.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // Stop when the parent closes our stdin (the harness's pty: target).
        var watcher = new Thread(() =>
        {
            try
            {
                while (Console.In.Read() >= 0)
                {
                }
            }
            catch (System.IO.IOException)
            {
            }

            stop.Cancel();
        }) { IsBackground = true };
        watcher.Start();
        return EmulatedBoardApp.Run(args, Console.Out, Console.Error, stop.Token);
    }
}
