using System.Collections.Generic;
using System.Globalization;
using Gateway.Host.Link;
using Gateway.Host.Targets;

namespace Gateway.Cli.Board;

/// <summary>
/// The short block of advice after a board could not be reached (exit 3): the likely causes for what happened on
/// this kind of target, and the next step. A silent serial line, a garbled one (the line speed) and a refused key
/// each get their own; once the transport opened, the block ends with <c>-v</c> (unless it was given), which shows the
/// handshake attempt by attempt.
/// </summary>
internal static class ConnectHints
{
    /// <summary>Writes the hint lines for <paramref name="failure"/> on standard error, each starting <c>hint: </c>.</summary>
    public static void Write(CliConsole console, TargetUnreachableException failure, string target, bool verbose)
    {
        foreach (string line in For(failure, target, verbose))
        {
            console.Error.WriteLine("hint: " + line);
        }
    }

    /// <summary>The hint lines (without the <c>hint: </c> prefix) for a failure on <paramref name="target"/>.</summary>
    public static IReadOnlyList<string> For(TargetUnreachableException failure, string target, bool verbose)
    {
        var lines = new List<string>();
        TargetUri.TryParse(target, out TargetUri? uri, out _);
        TargetScheme scheme = uri?.Scheme ?? TargetScheme.Emulated;
        string where = uri?.DevicePath ?? (uri?.Host != null ? $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}" : target);
        switch (failure.Failure)
        {
            case TargetFailure.NoHandshake when scheme == TargetScheme.Serial:
                string speed = uri!.BaudRate.ToString(CultureInfo.InvariantCulture);
                if (failure.InnerException is LinkHandshakeTimeoutException { BytesReceived: > 0, FramesReceived: 0 })
                {
                    lines.Add($"bytes came back but never a frame: most likely the line speed differs from the firmware's.");
                    lines.Add($"  - this run used {speed} baud; give the firmware's rate with serial:{where}?baud=N");
                    lines.Add($"  - or another program (a serial console, ModemManager) is talking on {where}");
                }
                else
                {
                    lines.Add($"nothing the link understands came back on {where}. Likely causes:");
                    lines.Add("  - the board is not running the Gateway firmware (is it powered, flashed, out of reset?)");
                    lines.Add($"  - {where} is not the board's port (ls -l /dev/serial/by-id/ names the USB serial adapters)");
                    lines.Add($"  - the line speed differs: this run used {speed} baud; give the firmware's with ?baud=N");
                }

                break;
            case TargetFailure.NoHandshake when scheme == TargetScheme.Tcp:
                lines.Add($"{where} accepted the connection but did not answer the link's HELLO. Likely causes:");
                lines.Add("  - the port belongs to another program, not to the board's link (gateway emulate prints its port)");
                lines.Add("  - the board is busy or overloaded; try again");
                break;
            case TargetFailure.NoHandshake:
                lines.Add("the emulated board did not answer the handshake: it may have failed to start, or be starved of CPU.");
                break;
            case TargetFailure.KeyRefused:
                lines.Add("the board holds another key than this one. Likely causes:");
                lines.Add($"  - the key file is not this board's: give it with --key-file PATH or ${LinkKeyFile.EnvironmentVariable}");
                lines.Add("  - the board was provisioned (or gateway emulate started) with a key of its own");
                break;
            case TargetFailure.Refused:
                lines.Add("the board answered but would not open a session (see the reason above): with no free session,");
                lines.Add("  wait for other hosts' sessions to end or time out, or reset the board");
                break;
            case TargetFailure.Unreachable when scheme == TargetScheme.Serial:
                lines.Add($"{where} could not be opened. Likely causes:");
                lines.Add("  - the board is unplugged, or has another name (ls -l /dev/serial/by-id/)");
                lines.Add("  - permission: your user needs the tty's group (often dialout: sudo usermod -aG dialout $USER)");
                lines.Add("  - another program holds the port");
                break;
            case TargetFailure.Unreachable when scheme == TargetScheme.Tcp:
                lines.Add($"nothing accepted a connection on {where}. Likely causes:");
                lines.Add("  - the board (or gateway emulate --tcp) is not running, or listens on another port");
                lines.Add("  - a firewall, or the wrong host name");
                break;
            default:
                break;
        }

        // -v shows the handshake: no help when the transport did not even open.
        if (!verbose && failure.Failure != TargetFailure.Unreachable)
        {
            lines.Add("next: run the same command with -v to see the handshake attempt by attempt.");
        }

        return lines;
    }
}
