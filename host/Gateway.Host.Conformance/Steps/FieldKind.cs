namespace Gateway.Host.Conformance.Steps;

/// <summary>What a step's argument or expectation holds, and so how the file's JSON is read into it.</summary>
public enum FieldKind
{
    /// <summary>An integer expression (<see cref="Format.Expr"/>).</summary>
    Expr,

    /// <summary>An expression, or <c>"new"</c> (a raw step's coid).</summary>
    ExprOrNew,

    /// <summary>Text with placeholders (a path).</summary>
    Template,

    /// <summary>A name later steps refer to (<c>as</c>, <c>unchanged_since</c>).</summary>
    Name,

    /// <summary>Hex, or hex pieces and little-endian integers.</summary>
    Bytes,

    /// <summary>A raw message as the JSON of <c>wire encode</c>.</summary>
    Wire,

    /// <summary>Nested steps (repeat).</summary>
    Steps,

    /// <summary>Up to 8 group ids (declare).</summary>
    Groups,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A signal name: <c>none</c>, <c>SIGSEGV</c>, <c>SIGBUS</c>.</summary>
    Signal,

    /// <summary>A wire type name of <c>wire decode</c>.</summary>
    WireType,

    /// <summary>A JSON subset with expressions at the leaves.</summary>
    Pattern,

    /// <summary>The messages a step sent.</summary>
    Messages,

    /// <summary>true, false, or a string the observed text contains.</summary>
    BoolOrText,
}
