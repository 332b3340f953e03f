using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Conformance.Results;

public enum Outcome
{
    Pass,
    Fail,
    Skip,
}
