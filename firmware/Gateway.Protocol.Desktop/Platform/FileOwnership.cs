using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>Who owns a file, as <c>statx</c> reports it (Linux).</summary>
public sealed record FileOwnership(uint Uid, uint Gid, UnixFileMode Mode);
