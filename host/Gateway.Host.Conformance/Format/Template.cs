using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Conformance.Format;

/// <summary>A string with placeholders in it, e.g. a path <c>"/dev/gpio/{map:wiring.0.to_bank}"</c>.</summary>
public sealed class Template
{
    private readonly List<object> parts = new();

    public Template(string text)
    {
        Text = text;
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                int close = text.IndexOf('}', i);
                if (close < 0)
                {
                    throw new FormatException($"missing '}}' in \"{text}\"");
                }

                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                parts.Add(Placeholder.Parse(text[(i + 1)..close]));
                i = close;
            }
            else
            {
                literal.Append(text[i]);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }
    }

    public string Text { get; }

    public override string ToString() => Text;

    public string Evaluate(IExprContext context)
    {
        var sb = new StringBuilder();
        foreach (object part in parts)
        {
            if (part is Placeholder p)
            {
                if (!context.TryResolve(p, out object value, out string error))
                {
                    throw new ScenarioRunException(error);
                }

                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((string)part);
            }
        }

        return sb.ToString();
    }
}
