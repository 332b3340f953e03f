using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>A line something else holds (<c>GPIO_V2_GET_LINEINFO_IOCTL</c>): its number, name and consumer label.</summary>
public sealed record GpioLineHolder(int Line, string Name, string Consumer);
