using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Host.Targets;

/// <summary>
/// A parsed target: where the harness finds a board. The one grammar every command reads (the schemes and their
/// options are the table of <see cref="TargetRegistry.Schemes"/>):
/// <code>
/// emu:[?bits=32|64&amp;quirks=0|1]               the emulated board in this process, without the link
/// link+emu:[?bits=…&amp;quirks=…&amp;faults=RATE&amp;seed=N&amp;reset-after=N]
///                                          the emulated board in this process behind the whole link
/// pty:[?bits=32|64&amp;quirks=0|1]               the emulated board in a child process over a pty
/// serial:PATH[?baud=N&amp;flow=F]               a tty; PATH absolute; also serial:///PATH
///                                          baud: 9600 … 3000000 (default 115200); flow: none | rtscts | xonxoff
/// tcp://HOST:PORT                          HOST a name, an IPv4 address or [IPv6]; PORT 1–65535
/// </code>
/// Schemes and option names are case-insensitive; option values are percent-decoded. Every option is checked here,
/// for every scheme, so a URI means the same to every command.
/// </summary>
public sealed class TargetUri
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    private readonly List<KeyValuePair<string, string>> orderedOptions;

    private TargetUri(TargetScheme scheme, List<KeyValuePair<string, string>> options)
    {
        Scheme = scheme;
        orderedOptions = options;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in options)
        {
            map.Add(name, value);
        }
        Options = map.Count == 0 ? NoOptions : map;
    }

    /// <summary>Which kind of target.</summary>
    public TargetScheme Scheme { get; }

    /// <summary>True for the emulated board, in process or in a child process (<c>emu:</c>, <c>link+emu:</c>, <c>pty:</c>): the development key applies.</summary>
    public bool IsEmulatedBoard => Scheme is TargetScheme.Emulated or TargetScheme.LinkEmulated or TargetScheme.Pty;

    /// <summary>The tty path of a <c>serial:</c> target (e.g. <c>/dev/ttyUSB0</c>), else null.</summary>
    public string? DevicePath { get; private init; }

    /// <summary>The host of a <c>tcp:</c> target (without IPv6 brackets), else null.</summary>
    public string? Host { get; private init; }

    /// <summary>The port of a <c>tcp:</c> target, else 0.</summary>
    public int Port { get; private init; }

    /// <summary>The line speed of a <c>serial:</c> target (default 115,200), else 0.</summary>
    public int BaudRate { get; private init; }

    /// <summary>The flow control of a <c>serial:</c> target (default none).</summary>
    public SerialFlowControl FlowControl { get; private init; }

    /// <summary>The emulated board's width pinned by <c>bits=32|64</c>, or null when the URI leaves it open.</summary>
    public int? Bits { get; private init; }

    /// <summary>The quirk resources pinned by <c>quirks=0|1</c>, or null when the URI leaves them open.</summary>
    public bool? Quirks { get; private init; }

    /// <summary><c>link+emu:</c> — the rate of each link fault per frame (<c>faults=RATE</c>, 0 … 0.2), 0 for none.</summary>
    public double FaultRate { get; private init; }

    /// <summary><c>link+emu:</c> — the fault seed (<c>seed=N</c>), or null for a random one.</summary>
    public int? Seed { get; private init; }

    /// <summary><c>link+emu:</c> — reset the board once, right after the host's N-th request (<c>reset-after=N</c>), or null.</summary>
    public long? ResetAfter { get; private init; }

    /// <summary>The options as given, names lower-cased, values percent-decoded.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="TargetUriException">The text is not a valid target; the message says why and shows the form.</exception>
    public static TargetUri Parse(string? text)
    {
        string input = text ?? string.Empty;
        string s = input.Trim();
        if (s.Length == 0)
        {
            throw Fail(TargetUriError.Empty, input, "No target given. " + TargetRegistry.Forms);
        }
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Fail(TargetUriError.MissingScheme, input, $"'{input}' has no scheme. " + TargetRegistry.Forms);
        }
        string name = s[..colon].ToLowerInvariant();
        string rest = s[(colon + 1)..];
        int question = rest.IndexOf('?', StringComparison.Ordinal);
        string body = question < 0 ? rest : rest[..question];
        List<KeyValuePair<string, string>> options = ParseOptions(question < 0 ? string.Empty : rest[(question + 1)..], input);
        TargetSchemeInfo scheme = TargetRegistry.Find(name)
            ?? throw Fail(TargetUriError.UnknownScheme, input, (s == name + ":" ? "" : $"'{input}': ") + $"unknown scheme '{name}:'. " + TargetRegistry.Forms);
        foreach (var (option, _) in options)
        {
            if (!scheme.Takes(option))
            {
                throw Fail(TargetUriError.UnknownOption, input, $"'{input}': {scheme.Refusal(option)}.");
            }
        }

        return scheme.Scheme switch
        {
            TargetScheme.Serial => ParseSerial(body, options, input),
            TargetScheme.Tcp => ParseTcp(body, options, input),
            _ => ParseEmulated(scheme, body, options, input),
        };
    }

    /// <summary>Parses <paramref name="text"/> without throwing; <paramref name="error"/> carries the reason on failure.</summary>
    public static bool TryParse(string? text, out TargetUri? uri, out TargetUriException? error)
    {
        try
        {
            uri = Parse(text);
            error = null;
            return true;
        }
        catch (TargetUriException e)
        {
            uri = null;
            error = e;
            return false;
        }
    }

    /// <summary>The serial settings of a <c>serial:</c> target.</summary>
    /// <exception cref="InvalidOperationException">The target is not <c>serial:</c>.</exception>
    public SerialSettings ToSerialSettings()
    {
        if (Scheme != TargetScheme.Serial)
        {
            throw new InvalidOperationException($"'{this}' is not a serial target.");
        }
        return new SerialSettings { BaudRate = BaudRate, FlowControl = FlowControl };
    }

    /// <summary>The URI in its canonical spelling (lower-case scheme and option names, options in the order given).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(TargetRegistry.Get(Scheme).Name).Append(':');
        switch (Scheme)
        {
            case TargetScheme.Serial:
                sb.Append(DevicePath);
                break;
            case TargetScheme.Tcp:
                sb.Append("//").Append(Host!.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)
                  .Append(':').Append(Port.ToString(CultureInfo.InvariantCulture));
                break;
        }
        for (int i = 0; i < orderedOptions.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(orderedOptions[i].Key).Append('=')
              .Append(Uri.EscapeDataString(orderedOptions[i].Value));
        }
        return sb.ToString();
    }

    /// <summary>emu:, link+emu:, pty: — no path; the emulated board's options, each value checked.</summary>
    private static TargetUri ParseEmulated(TargetSchemeInfo scheme, string body, List<KeyValuePair<string, string>> options, string input)
    {
        if (body.Length != 0)
        {
            throw Fail(TargetUriError.UnexpectedPath, input,
                $"'{input}': {scheme.Name}: takes no path, only options, e.g. {scheme.Name}:?bits=32&quirks=1.");
        }

        int? bits = null;
        bool? quirks = null;
        double faults = 0;
        int? seed = null;
        long? resetAfter = null;
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "bits":
                    bits = value switch { "32" => 32, "64" => 64, _ => throw BadValue(input, name, value, "one of 32, 64") };
                    break;
                case "quirks":
                    quirks = value switch { "0" => false, "1" => true, _ => throw BadValue(input, name, value, "one of 0, 1") };
                    break;
                case "faults":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out faults) || !(faults >= 0 && faults <= 0.2))
                    {
                        throw BadValue(input, name, value, "a rate from 0 to 0.2");
                    }
                    break;
                case "seed":
                    seed = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw BadValue(input, name, value, "an integer");
                    break;
                case "reset-after":
                    resetAfter = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long after) && after >= 1
                        ? after
                        : throw BadValue(input, name, value, "a request count of 1 or more");
                    break;
            }
        }
        return new TargetUri(scheme.Scheme, options) { Bits = bits, Quirks = quirks, FaultRate = faults, Seed = seed, ResetAfter = resetAfter };
    }

    private static TargetUriException BadValue(string input, string name, string value, string expected) =>
        Fail(TargetUriError.InvalidOptionValue, input, $"'{input}': {name}={value} is not {expected}.");

    private static TargetUri ParseSerial(string body, List<KeyValuePair<string, string>> options, string input)
    {
        string path = body.StartsWith("//", StringComparison.Ordinal) ? body[2..] : body;
        path = Uri.UnescapeDataString(path);
        if (path.Length == 0)
        {
            throw Fail(TargetUriError.MissingDevicePath, input, $"'{input}': serial: needs a device path, e.g. serial:/dev/ttyUSB0.");
        }
        if (path[0] != '/')
        {
            throw Fail(TargetUriError.RelativeDevicePath, input,
                $"'{input}': the device path '{path}' must be absolute, e.g. serial:/dev/ttyUSB0.");
        }

        int baud = SerialSettings.DefaultBaudRate;
        SerialFlowControl flow = SerialFlowControl.None;
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "baud":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || !SerialBaudRates.IsSupported(baud))
                    {
                        throw Fail(TargetUriError.InvalidBaudRate, input,
                            $"'{input}': baud={value} is not a supported rate ({string.Join(", ", SerialBaudRates.Supported)}).");
                    }
                    break;
                case "flow":
                    flow = value.ToLowerInvariant() switch
                    {
                        "none" => SerialFlowControl.None,
                        "rtscts" => SerialFlowControl.RtsCts,
                        "xonxoff" => SerialFlowControl.XonXoff,
                        _ => throw Fail(TargetUriError.InvalidFlowControl, input,
                            $"'{input}': flow={value} is not one of none, rtscts, xonxoff."),
                    };
                    break;
            }
        }
        return new TargetUri(TargetScheme.Serial, options) { DevicePath = path, BaudRate = baud, FlowControl = flow };
    }

    private static TargetUri ParseTcp(string body, List<KeyValuePair<string, string>> options, string input)
    {
        if (!body.StartsWith("//", StringComparison.Ordinal) || body.Length == 2)
        {
            throw Fail(TargetUriError.MissingHost, input, $"'{input}': expected tcp://host:port.");
        }
        string authority = body[2..];
        if (authority.EndsWith('/'))
        {
            authority = authority[..^1];
        }
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw Fail(TargetUriError.UnexpectedPath, input, $"'{input}': tcp: takes no path, expected tcp://host:port.");
        }

        string host;
        string portText;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || Uri.CheckHostName(authority[1..close]) != UriHostNameType.IPv6)
            {
                throw Fail(TargetUriError.InvalidHost, input, $"'{input}': a bracketed host must be an IPv6 address, e.g. tcp://[::1]:5555.");
            }
            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (!after.StartsWith(':'))
            {
                throw Fail(TargetUriError.MissingPort, input, $"'{input}': no port, expected tcp://[{host}]:port.");
            }
            portText = after[1..];
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            if (colon < 0)
            {
                throw Fail(TargetUriError.MissingPort, input, $"'{input}': no port, expected tcp://{authority}:port.");
            }
            host = authority[..colon];
            portText = authority[(colon + 1)..];
            if (host.Length == 0)
            {
                throw Fail(TargetUriError.MissingHost, input, $"'{input}': no host, expected tcp://host:port.");
            }
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw Fail(TargetUriError.InvalidHost, input, $"'{input}': put an IPv6 address in brackets, e.g. tcp://[::1]:5555.");
            }
            UriHostNameType kind = Uri.CheckHostName(host);
            if (kind is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                throw Fail(TargetUriError.InvalidHost, input, $"'{input}': '{host}' is not a host name or an IPv4 address.");
            }
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
        {
            throw Fail(TargetUriError.InvalidPort, input, $"'{input}': the port '{portText}' must be a number from 1 to 65535.");
        }
        return new TargetUri(TargetScheme.Tcp, options) { Host = host, Port = port };
    }

    private static List<KeyValuePair<string, string>> ParseOptions(string query, string input)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (query.Length == 0)
        {
            return list;
        }
        foreach (string part in query.Split('&'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Fail(TargetUriError.MalformedOption, input, $"'{input}': the option '{part}' is not name=value.");
            }
            string name = Uri.UnescapeDataString(part[..eq]).ToLowerInvariant();
            string value = Uri.UnescapeDataString(part[(eq + 1)..]);
            foreach (var existing in list)
            {
                if (existing.Key == name)
                {
                    throw Fail(TargetUriError.DuplicateOption, input, $"'{input}': the option '{name}' is given twice.");
                }
            }
            list.Add(new KeyValuePair<string, string>(name, value));
        }
        return list;
    }

    private static TargetUriException Fail(TargetUriError error, string input, string message) => new(error, input, message);
}
