using System;
using System.CommandLine;
using System.Globalization;
using Gateway.Host.Link;
using Gateway.Host.Targets;
using Gateway.Protocol.Messages;

namespace Gateway.Cli.Board;

/// <summary>What every board command was asked for besides its own arguments.</summary>
internal sealed record BoardSettings(string Target, string? KeyFile, bool Json, bool Quiet, bool Verbose, int Uid, int Gid, int[] Groups);
