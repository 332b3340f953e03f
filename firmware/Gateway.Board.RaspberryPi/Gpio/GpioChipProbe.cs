using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>One <c>/dev/gpiochip*</c> as discovery found it: described, or the errno that stopped it (with its owner, for the message).</summary>
public sealed record GpioChipProbe(string Path, GpioChipDescription? Chip, int Errno, FileOwnership? Owner);
