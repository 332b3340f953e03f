using System;

namespace Gateway.Host.Wire;

/// <summary>
/// Input that <c>gateway wire</c> cannot decode or encode: bad hex, bad JSON, a missing or unknown key, a value
/// that does not fit its field, a length that does not fit the bytes. <see cref="Field"/> names the C member path
/// (or <c>HEX</c>/<c>JSON</c> for the input as a whole).
/// </summary>
public sealed class WireInputException : Exception
{
    public WireInputException(string field, string reason)
        : base(field + ": " + reason)
    {
        Field = field;
        Reason = reason;
    }

    public string Field { get; }

    public string Reason { get; }
}
