using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.Host.Conformance.Format;

/// <summary>What an expression's placeholders and target-dependent symbols resolve to when a step runs.</summary>
public interface IExprContext
{
    /// <summary>The value of <c>{kind:name}</c>: a number, or a string (only <c>map:</c> and <c>info:</c> give strings).</summary>
    bool TryResolve(Placeholder placeholder, out object value, out string error);

    /// <summary>The value of a target-dependent symbol such as <c>STAT_FORM_PREFERRED</c>.</summary>
    ulong Dynamic(string symbol);
}
