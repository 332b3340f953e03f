using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using Gateway.Transports.Desktop.Paced;

namespace Gateway.Host.Bench;

/// <summary>A measurement could not run as planned (the board refused a step, data came back wrong).</summary>
public sealed class BenchException(string message) : Exception(message);
