namespace Gateway.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        return GatewayCli.Run(args, CliConsole.System());
    }
}
