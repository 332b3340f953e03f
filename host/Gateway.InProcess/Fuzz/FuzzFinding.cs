using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.InProcess.Fuzz;

/// <summary>One failing input.</summary>
public sealed record FuzzFinding(string Kind, string Target, long Input, string Description, string Sender, string Mutations, byte[] Bytes, string? History)
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Kind} in {Target} at input {Input}: {Description}");
        sb.AppendLine($"  sender {Sender}; mutations: {Mutations}");
        sb.AppendLine($"  input ({Bytes.Length} bytes):");
        foreach (var line in Hex.Format(Bytes).Split('\n'))
        {
            sb.AppendLine("    " + line);
        }

        if (History != null)
        {
            sb.AppendLine("  earlier inputs of the epoch (session pid coid: hex):");
            sb.Append(History);
        }

        return sb.ToString();
    }
}
