using System;
using System.Collections.Generic;
using System.Globalization;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Board.RaspberryPi;

/// <summary>Which Pi the app runs on; it decides the GPIO chip label looked for and the board name.</summary>
public enum PiModel
{
    Pi4,
    Pi5,
}
