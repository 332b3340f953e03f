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

    /// <summary>"takes bits=32|64 and quirks=0|1" or "takes no options", for messages (the words of the help).</summary>
    public string OptionsText
    {
        get
        {
            if (Options.Count == 0)
            {
                return "takes no options";
            }

            var forms = new List<string>();
            foreach (string o in Options)
            {
                forms.Add(TargetRegistry.OptionForm(o));
            }

            return "takes " + (forms.Count == 1 ? forms[0] : string.Join(", ", forms.GetRange(0, forms.Count - 1)) + " and " + forms[^1]);
        }
    }

    /// <summary>
    /// Why <paramref name="option"/> is refused on this scheme, in one sentence: which schemes take it instead, and
    /// what this one takes.
    /// </summary>
    public string Refusal(string option)
    {
        string? takers = TargetRegistry.SchemesTaking(option);
        return takers == null
            ? $"no scheme takes the option '{option}'; {Name}: {OptionsText}"
            : $"{TargetRegistry.OptionForm(option)} is taken by {takers} only, not {Name}: ({Name}: {OptionsText})";
    }
}
