using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using Gateway.Board.RaspberryPi.Gpio;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Board.RaspberryPi.Spi;
using Gateway.Devices.Hal;
using Gateway.Transports.Desktop;
using Gateway.Protocol.Desktop.Platform;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;

namespace Gateway.Board.RaspberryPi;

/// <summary>Where the app looks for the machine's facts; tests point it at a made-up device tree and /dev.</summary>
public sealed record PiSystem(string CompatiblePath, string DevDirectory)
{
    public static readonly PiSystem Real = new(PiModelDetection.CompatiblePath, "/dev");
}
