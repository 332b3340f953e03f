using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gateway.Host.Targets;

/// <summary>A board reset the run caused (<c>reset-after=N</c>): when, the boot ids, and the audit just before it.</summary>
public sealed record BoardResetRecord(long AfterRequest, string Board, string OldBootId, string NewBootId, LinkAudit Before);
