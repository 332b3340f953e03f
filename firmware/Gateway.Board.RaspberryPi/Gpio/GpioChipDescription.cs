using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>Facts about a GPIO chip (<c>GPIO_GET_CHIPINFO_IOCTL</c>).</summary>
public sealed record GpioChipDescription(string Path, string Name, string Label, int Lines);
