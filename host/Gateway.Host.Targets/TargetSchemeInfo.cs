using System;
using System.Collections.Generic;

namespace Gateway.Host.Targets;

/// <summary>One row of the scheme registry: a scheme's name, its form, and the options it takes.</summary>
public sealed record TargetSchemeInfo(string Name, TargetScheme Scheme, string Form, string What, IReadOnlyList<string> Options)
{
    /// <summary>True when the scheme takes the (lower-cased) option <paramref name="name"/>.</summary>
    public bool Takes(string name)
    {
        foreach (string o in Options)
        {
            if (o == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"takes the options a, b" or "takes no options", for messages.</summary>
    public string OptionsText => Options.Count == 0 ? "takes no options" : "takes the options " + string.Join(", ", Options);

    /// <summary>Where an option the scheme does not take belongs instead, or "".</summary>
    public string Hint(string option) =>
        Scheme == TargetScheme.Emulated && option is "faults" or "seed" or "reset-after"
            ? $" (emu: is reached without the link; link faults and resets need it: link+emu:?{option}=…)"
            : Scheme == TargetScheme.Emulated && option == TargetUri.DevelopmentKeyOption
                ? " (emu: is reached without the link and needs no key)"
                : string.Empty;
}
