using System;
using System.Collections.Generic;
using System.Globalization;
using Gateway.Host.Wire;
using Gateway.Protocol.Qnx;

namespace Gateway.Cli.Board;

/// <summary>How the commands spell QNX values for people, and parse the numbers and prot letters people type.</summary>
internal static class QnxText
{
    /// <summary><c>EACCES (13)</c>; an errno Gateway has no name for prints as <c>errno 200</c>.</summary>
    public static string Errno(int errno)
    {
        string? name = Protocol.Qnx.Errno.Name(errno);
        return name == null ? $"errno {errno}" : $"{name} ({errno})";
    }

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary><c>PROT_READ|PROT_WRITE</c>, <c>PROT_NONE</c> for 0.</summary>
    public static string ProtNames(uint prot) => string.Join('|', FlagNames.Prot(prot));

    /// <summary>The mode as <c>S_IFREG 0755</c>.</summary>
    public static string Mode(uint mode) => string.Join(' ', FlagNames.Mode(mode));

    /// <summary>The file type alone: <c>S_IFDIR</c>, <c>S_IFCHR</c>…</summary>
    public static string FileType(uint mode)
    {
        IReadOnlyList<string> names = FlagNames.Mode(mode);
        return names.Count > 1 ? names[0] : "-";
    }

    /// <summary>The permission bits in octal, e.g. <c>0755</c>.</summary>
    public static string Permissions(uint mode)
    {
        IReadOnlyList<string> names = FlagNames.Mode(mode);
        return names[^1];
    }

    /// <summary>
    /// A prot as letters: any of r, w, x and n (PROT_NOCACHE), or <c>none</c>. Throws a usage error naming
    /// <paramref name="option"/> for anything else.
    /// </summary>
    public static uint ParseProt(string text, string option)
    {
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return Prot.None;
        }

        uint prot = 0;
        foreach (char c in text)
        {
            uint bit = char.ToLowerInvariant(c) switch
            {
                'r' => Prot.Read,
                'w' => Prot.Write,
                'x' => Prot.Exec,
                'n' => Prot.NoCache,
                _ => 0,
            };
            if (bit == 0 || (prot & bit) != 0)
            {
                throw CommandException.Usage($"{option}: '{text}' is not a prot: letters r, w, x, n (PROT_NOCACHE), each once, or none");
            }

            prot |= bit;
        }

        if (prot == 0)
        {
            throw CommandException.Usage($"{option}: empty prot (use none for PROT_NONE)");
        }

        return prot;
    }

    /// <summary>An unsigned number in decimal or with a 0x prefix in hex; a usage error naming <paramref name="what"/> otherwise.</summary>
    public static ulong ParseNumber(string text, string what)
    {
        string t = text.Trim().Replace("_", "", StringComparison.Ordinal);
        bool ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || t.Length == 0)
        {
            throw CommandException.Usage($"{what}: '{text}' is not a number (decimal, or hex with 0x)");
        }

        return value;
    }
}
