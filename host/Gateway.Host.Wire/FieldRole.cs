using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Wire;

/// <summary>How <c>wire encode</c> treats a field.</summary>
public enum FieldRole
{
    /// <summary>Required in the JSON; set on the codec object, which encodes it.</summary>
    Required,

    /// <summary>
    /// A reserved field (<c>zero</c>…): optional, 0 when absent. The board encoders always write 0, so the host
    /// writes the given value over their output afterwards: <c>wire encode</c> reproduces what <c>wire decode</c>
    /// printed, non-zero reserved words included (for crafting the uninitialised words of old senders).
    /// </summary>
    Reserved,

    /// <summary>Required, and written by the host after the codec because the codec normalises it (cred grouplist past ngroups).</summary>
    HostWritten,
}
