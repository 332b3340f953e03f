using System;
using Gateway.Protocol.Qnx;

namespace Gateway.Cli.Board;

/// <summary>
/// Why a command stops early, with the exit code it stands for: a usage or input error (2), or an operation the
/// board answered with an errno (1, printed as <c>EACCES (13)</c>).
/// </summary>
internal sealed class CommandException(ExitCode code, string message) : Exception(message)
{
    public ExitCode Code { get; } = code;

    /// <summary>The errno the board answered, or 0.</summary>
    public int Errno { get; private init; }

    public static CommandException Usage(string message) => new(ExitCode.Usage, message);

    /// <summary><c>OPERATION: NAME (N)</c>, exit 1.</summary>
    public static CommandException FromErrno(string operation, int errno) =>
        new(ExitCode.Failure, $"{operation}: {QnxText.Errno(errno)}") { Errno = errno };
}
