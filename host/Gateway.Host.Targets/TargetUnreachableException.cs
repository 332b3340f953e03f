using System;

namespace Gateway.Host.Targets;

/// <summary>The board could not be reached, or authentication failed (exit code 3).</summary>
public sealed class TargetUnreachableException(string message, Exception? inner = null) : TargetException(message, usage: false, inner);
