using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Runner;

/// <summary>A resource as /fw/map declares it.</summary>
public sealed record MapResource(string Path, string Type, long Size, uint Mode, int Uid, int Gid, bool ReadOnly, bool NoExec, string Mmap, uint? Flags, int? StatForm);
