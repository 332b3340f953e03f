using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cli.Output;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.Cli.Board;

/// <summary>
/// Runs a board command: parses the shared options, reaches the target, opens a session, declares the memory
/// manager and the client process, runs the command's body, and maps every way it can end to the exit codes of
/// cli.md — 0; 1 for an errno answer (<c>EACCES (13)</c>); 2 for usage or input errors, a bad URI or key
/// file; 3 when the target is unreachable, refuses the key, or the link fails mid-command.
/// </summary>
internal static class BoardRunner
{
    private const int HostIdSize = 16;

    public static Task<int> RunAsync(CliConsole console, string command, Func<BoardSettings> readSettings, Func<BoardContext, Task<int>> body, CancellationToken cancellation)
    {
        return RunAsync(console, command, readSettings, () => 0, (context, _) => body(context), cancellation);
    }

    /// <summary>
    /// As above, with the command's own arguments read by <paramref name="readArguments"/> before the target is
    /// touched, so a usage error is exit 2 whatever the target.
    /// </summary>
    public static async Task<int> RunAsync<TArguments>(
        CliConsole console,
        string command,
        Func<BoardSettings> readSettings,
        Func<TArguments> readArguments,
        Func<BoardContext, TArguments, Task<int>> body,
        CancellationToken cancellation)
    {
        BoardSettings settings;
        TArguments arguments;
        try
        {
            settings = readSettings();
            arguments = readArguments();
        }
        catch (CommandException e)
        {
            return console.Fail(command, e.Message, e.Code);
        }

        var output = new CliOutput(console, settings.Json, settings.Quiet);
        ITarget target;
        try
        {
            target = TargetRegistry.Create(settings.Target, new TargetSettings
            {
                KeyFile = settings.KeyFile,

                // Each command is its own host on the link: a fresh host id, so a second gateway command (a poke
                // while a watch runs) does not replace the first one's session as a restarted host would (RM-5).
                HostId = RandomNumberGenerator.GetBytes(HostIdSize),
                Log = message => console.Error.WriteLine($"gateway {command}: {message}"),
                Verbose = settings.Verbose,
            });
            if (!settings.Verbose && !settings.Quiet && LinkKeyFile.Resolve(settings.KeyFile) is { } keyFile && File.Exists(keyFile)
                && LinkKeyFile.PermissionWarning(keyFile) is { } warning)
            {
                console.Error.WriteLine($"gateway {command}: warning: {warning}");
            }
        }
        catch (TargetException e)
        {
            return console.Fail(command, e.Message, e.IsUsageError ? ExitCode.Usage : ExitCode.Unreachable);
        }

        await using (target.ConfigureAwait(false))
        {
            try
            {
                ITargetSession session = await target.OpenSessionAsync(TargetRequirements.None, cancellation).ConfigureAwait(false);
                await using (session.ConfigureAwait(false))
                {
                    var mm = new MemoryManager(session.Channel);
                    ClientProcess client;
                    try
                    {
                        await mm.StartAsync().ConfigureAwait(false);
                        client = await mm.SpawnAsync(BoardContext.ClientPid, Cred(settings.Uid, settings.Gid, settings.Groups)).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException e)
                    {
                        return console.Fail(command, e.Message, ExitCode.Failure);
                    }

                    return await body(new BoardContext(session, mm, client, output, settings, cancellation), arguments).ConfigureAwait(false);
                }
            }
            catch (TargetException e)
            {
                int code = console.Fail(command, e.Message, e.IsUsageError ? ExitCode.Usage : ExitCode.Unreachable);
                if (e is TargetUnreachableException unreachable && !settings.Quiet)
                {
                    ConnectHints.Write(console, unreachable, settings.Target, settings.Verbose);
                }

                return code;
            }
            catch (CommandException e)
            {
                return console.Fail(command, e.Message, e.Code);
            }
            catch (BoardResetException e)
            {
                return console.Fail(command, $"the board was reset during the command: {e.Message}", ExitCode.Unreachable);
            }
            catch (Exception e) when (TransportFailure.IsLinkLoss(e))
            {
                return console.Fail(command, $"the link to {settings.Target} failed: {e.Message}", ExitCode.Unreachable);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return console.Fail(command, "interrupted", ExitCode.Failure);
            }
        }
    }
}
