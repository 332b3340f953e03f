using System;
using System.Collections.Generic;

namespace Gateway.Board.Emulated.Simulator;

/// <summary>One wire between two simulated pins, possibly on different banks.</summary>
public sealed record GpioWire(SimulatedGpioBank BankA, int PinA, SimulatedGpioBank BankB, int PinB);
