using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// An integer expression of a scenario file: a JSON number, or a string in C syntax over numbers (decimal, 0x hex,
/// 0-prefixed octal as in C, so <c>"0755"</c> is octal), symbols (<see cref="Symbols"/>) and placeholders, with
/// <c>|</c> <c>&amp;</c> <c>^</c> <c>&lt;&lt;</c> <c>&gt;&gt;</c> <c>+</c> <c>-</c> <c>*</c> <c>~</c> and parentheses, C precedence.
/// Parsed when the file loads (so a typo names its field), evaluated when the step runs. 64-bit two's complement.
/// </summary>
public abstract class Expr
{
    public static Expr Constant(ulong value, string? text = null) => new ConstExpr(value, text ?? value.ToString(CultureInfo.InvariantCulture));

    public abstract ulong Evaluate(IExprContext context);

    /// <summary>The source text, for messages.</summary>
    public abstract string Text { get; }

    public override string ToString() => Text;

    /// <summary>The placeholders the expression uses.</summary>
    public virtual IEnumerable<Placeholder> Placeholders => Array.Empty<Placeholder>();

    /// <summary>Parses expression text; throws <see cref="FormatException"/> naming the problem.</summary>
    public static Expr Parse(string text)
    {
        var p = new Parser(text);
        Expr e = p.ParseOr();
        p.SkipSpace();
        if (!p.AtEnd)
        {
            throw new FormatException($"unexpected '{p.Rest}' in \"{text}\"");
        }

        return new Rooted(e, text);
    }

    private sealed class Rooted(Expr inner, string text) : Expr
    {
        public override string Text => text;

        public override IEnumerable<Placeholder> Placeholders => inner.Placeholders;

        public override ulong Evaluate(IExprContext context) => inner.Evaluate(context);
    }

    private sealed class ConstExpr(ulong value, string text) : Expr
    {
        public override string Text => text;

        public override ulong Evaluate(IExprContext context) => value;
    }

    private sealed class DynamicExpr(string name) : Expr
    {
        public override string Text => name;

        public override ulong Evaluate(IExprContext context) => context.Dynamic(name);
    }

    private sealed class PlaceholderExpr(Placeholder placeholder) : Expr
    {
        public override string Text => placeholder.ToString();

        public override IEnumerable<Placeholder> Placeholders => new[] { placeholder };

        public override ulong Evaluate(IExprContext context)
        {
            if (!context.TryResolve(placeholder, out object value, out string error))
            {
                throw new ScenarioRunException(error);
            }

            return value switch
            {
                ulong u => u,
                long l => unchecked((ulong)l),
                int i => unchecked((ulong)(long)i),
                string s when ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) => n,
                _ => throw new ScenarioRunException($"{placeholder} is \"{value}\", not a number"),
            };
        }
    }

    private sealed class Unary(char op, Expr operand) : Expr
    {
        public override string Text => op + operand.Text;

        public override IEnumerable<Placeholder> Placeholders => operand.Placeholders;

        public override ulong Evaluate(IExprContext context)
        {
            ulong v = operand.Evaluate(context);
            return op == '~' ? ~v : unchecked(0 - v);
        }
    }

    private sealed class Binary(string op, Expr left, Expr right) : Expr
    {
        public override string Text => $"{left.Text} {op} {right.Text}";

        public override IEnumerable<Placeholder> Placeholders
        {
            get
            {
                foreach (Placeholder p in left.Placeholders)
                {
                    yield return p;
                }

                foreach (Placeholder p in right.Placeholders)
                {
                    yield return p;
                }
            }
        }

        public override ulong Evaluate(IExprContext context)
        {
            ulong a = left.Evaluate(context);
            ulong b = right.Evaluate(context);
            return op switch
            {
                "|" => a | b,
                "&" => a & b,
                "^" => a ^ b,
                "<<" => b >= 64 ? 0 : a << (int)b,
                ">>" => b >= 64 ? 0 : a >> (int)b,
                "+" => unchecked(a + b),
                "-" => unchecked(a - b),
                "*" => unchecked(a * b),
                _ => throw new InvalidOperationException(op),
            };
        }
    }

    private sealed class Parser(string text)
    {
        private int pos;

        public bool AtEnd => pos >= text.Length;

        public string Rest => text[pos..];

        public void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        private bool Take(string op)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, pos, op, 0, op.Length) == 0)
            {
                // '|' must not eat '||', '<' needs '<<'.
                pos += op.Length;
                return true;
            }

            return false;
        }

        public Expr ParseOr()
        {
            Expr e = ParseXor();
            while (Take("|"))
            {
                e = new Binary("|", e, ParseXor());
            }

            return e;
        }

        private Expr ParseXor()
        {
            Expr e = ParseAnd();
            while (Take("^"))
            {
                e = new Binary("^", e, ParseAnd());
            }

            return e;
        }

        private Expr ParseAnd()
        {
            Expr e = ParseShift();
            while (Take("&"))
            {
                e = new Binary("&", e, ParseShift());
            }

            return e;
        }

        private Expr ParseShift()
        {
            Expr e = ParseSum();
            while (true)
            {
                if (Take("<<"))
                {
                    e = new Binary("<<", e, ParseSum());
                }
                else if (Take(">>"))
                {
                    e = new Binary(">>", e, ParseSum());
                }
                else
                {
                    return e;
                }
            }
        }

        private Expr ParseSum()
        {
            Expr e = ParseProduct();
            while (true)
            {
                if (Take("+"))
                {
                    e = new Binary("+", e, ParseProduct());
                }
                else if (Take("-"))
                {
                    e = new Binary("-", e, ParseProduct());
                }
                else
                {
                    return e;
                }
            }
        }

        private Expr ParseProduct()
        {
            Expr e = ParseUnary();
            while (Take("*"))
            {
                e = new Binary("*", e, ParseUnary());
            }

            return e;
        }

        private Expr ParseUnary()
        {
            if (Take("~"))
            {
                return new Unary('~', ParseUnary());
            }

            if (Take("-"))
            {
                return new Unary('-', ParseUnary());
            }

            return ParsePrimary();
        }

        private Expr ParsePrimary()
        {
            SkipSpace();
            if (AtEnd)
            {
                throw new FormatException($"\"{text}\" ends where a value was expected");
            }

            char c = text[pos];
            if (c == '(')
            {
                pos++;
                Expr inner = ParseOr();
                if (!Take(")"))
                {
                    throw new FormatException($"missing ')' in \"{text}\"");
                }

                return inner;
            }

            if (c == '{')
            {
                int close = text.IndexOf('}', pos);
                if (close < 0)
                {
                    throw new FormatException($"missing '}}' in \"{text}\"");
                }

                Placeholder p = Placeholder.Parse(text[(pos + 1)..close]);
                pos = close + 1;
                return new PlaceholderExpr(p);
            }

            if (char.IsAsciiDigit(c))
            {
                int start = pos;
                while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
                {
                    pos++;
                }

                string token = text[start..pos];
                return Constant(ParseNumber(token), token);
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = pos;
                while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
                {
                    pos++;
                }

                string name = text[start..pos];
                if (Symbols.IsDynamic(name))
                {
                    return new DynamicExpr(name);
                }

                if (Symbols.TryGet(name, out ulong value))
                {
                    return Constant(value, name);
                }

                throw new FormatException($"unknown symbol '{name}'");
            }

            throw new FormatException($"unexpected '{c}' in \"{text}\"");
        }

        private static ulong ParseNumber(string token)
        {
            string t = token.Replace("_", "", StringComparison.Ordinal);
            bool ok;
            ulong value;
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                ok = ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            }
            else if (t.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                ok = ulong.TryParse(t.AsSpan(2), NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value);
            }
            else if (t.Length > 1 && t[0] == '0')
            {
                value = 0;
                ok = true;
                foreach (char d in t.AsSpan(1))
                {
                    if (d < '0' || d > '7' || value > (ulong.MaxValue >> 3))
                    {
                        ok = false;
                        break;
                    }

                    value = (value << 3) | (uint)(d - '0');
                }
            }
            else
            {
                ok = ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            }

            return ok ? value : throw new FormatException($"'{token}' is not a number (decimal, 0x hex, 0b binary or 0-prefixed octal)");
        }
    }
}
