using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Host.Conformance.Steps;

namespace Gateway.Host.Conformance.Format;

/// <summary>A client process the scenario declares before its first step (behaviour.md §0).</summary>
public sealed record ProcessDecl(int Pid, int Uid, int Gid, int Euid, int Egid, IReadOnlyList<int> Groups, bool Is64Bit);
