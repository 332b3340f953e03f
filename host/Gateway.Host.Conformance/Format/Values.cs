using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Conformance.Format;

/// <summary>How values print in results: decimal and hex, and the expression when it was symbolic.</summary>
public static class Values
{
    public static string Number(ulong v)
    {
        long s = unchecked((long)v);
        if (s < 0 && s > -1_000_000)
        {
            return s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return v < 10 ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{v} (0x{v:x})";
    }

    public static string Show(Expr expr, ulong value)
    {
        string n = Number(value);
        return expr.Text == value.ToString(System.Globalization.CultureInfo.InvariantCulture) ? n : $"{expr.Text} = {n}";
    }
}
