using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Host.Targets;

/// <summary>
/// A parsed target: where the harness finds a board.
/// <code>
/// emu:[?name=value&amp;…]               the emulated board in-process   (options carried, e.g. bits=32, quirks=1)
/// pty:[?name=value&amp;…]               the emulated board over a pty   (same options)
/// serial:PATH[?baud=N&amp;flow=F]       a tty; PATH absolute; also serial:///PATH
///                                    baud: 9600 … 3000000 (default 115200); flow: none | rtscts | xonxoff
/// tcp://HOST:PORT                     HOST a name, an IPv4 address or [IPv6]; PORT 1–65535
/// </code>
/// Schemes and option names are case-insensitive; option values are percent-decoded. The options of
/// <c>emu:</c> and <c>pty:</c> are not interpreted here: the harness reads them from <see cref="Options"/>.
/// </summary>
public sealed class TransportUri
{
    private static readonly IReadOnlyDictionary<string, string> NoOptions = new Dictionary<string, string>();

    private readonly List<KeyValuePair<string, string>> _orderedOptions;

    private TransportUri(TransportScheme scheme, List<KeyValuePair<string, string>> options)
    {
        Scheme = scheme;
        _orderedOptions = options;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in options)
        {
            map.Add(name, value);
        }
        Options = map.Count == 0 ? NoOptions : map;
    }

    /// <summary>Which kind of target.</summary>
    public TransportScheme Scheme { get; }

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

    /// <summary>The options as given, names lower-cased; for <c>emu:</c>/<c>pty:</c> the harness interprets them.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="TransportUriException">The text is not a valid target; the message says why and shows the form.</exception>
    public static TransportUri Parse(string? text)
    {
        string input = text ?? string.Empty;
        string s = input.Trim();
        if (s.Length == 0)
        {
            throw Fail(TransportUriError.Empty, input, "No target given. " + Forms);
        }
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Fail(TransportUriError.MissingScheme, input, $"'{input}' has no scheme. " + Forms);
        }
        string scheme = s[..colon].ToLowerInvariant();
        string rest = s[(colon + 1)..];
        int question = rest.IndexOf('?', StringComparison.Ordinal);
        string body = question < 0 ? rest : rest[..question];
        List<KeyValuePair<string, string>> options = ParseOptions(question < 0 ? string.Empty : rest[(question + 1)..], input);

        return scheme switch
        {
            "emu" => ParseEmulated(TransportScheme.Emulated, body, options, input),
            "pty" => ParseEmulated(TransportScheme.Pty, body, options, input),
            "serial" => ParseSerial(body, options, input),
            "tcp" => ParseTcp(body, options, input),
            _ => throw Fail(TransportUriError.UnknownScheme, input, $"'{input}': unknown scheme '{scheme}:'. " + Forms),
        };
    }

    /// <summary>Parses <paramref name="text"/> without throwing; <paramref name="error"/> carries the reason on failure.</summary>
    public static bool TryParse(string? text, out TransportUri? uri, out TransportUriException? error)
    {
        try
        {
            uri = Parse(text);
            error = null;
            return true;
        }
        catch (TransportUriException e)
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
        if (Scheme != TransportScheme.Serial)
        {
            throw new InvalidOperationException($"'{this}' is not a serial target.");
        }
        return new SerialSettings { BaudRate = BaudRate, FlowControl = FlowControl };
    }

    /// <summary>The URI in its canonical spelling (lower-case scheme, options in the order given).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        switch (Scheme)
        {
            case TransportScheme.Emulated:
                sb.Append("emu:");
                break;
            case TransportScheme.Pty:
                sb.Append("pty:");
                break;
            case TransportScheme.Serial:
                sb.Append("serial:").Append(DevicePath);
                break;
            case TransportScheme.Tcp:
                sb.Append("tcp://").Append(Host!.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)
                  .Append(':').Append(Port.ToString(CultureInfo.InvariantCulture));
                break;
        }
        for (int i = 0; i < _orderedOptions.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(_orderedOptions[i].Key).Append('=')
              .Append(Uri.EscapeDataString(_orderedOptions[i].Value));
        }
        return sb.ToString();
    }

    private const string Forms = "Expected emu:[?opts], pty:[?opts], serial:/dev/ttyUSB0[?baud=921600&flow=rtscts] or tcp://host:port.";

    private static TransportUri ParseEmulated(TransportScheme scheme, string body, List<KeyValuePair<string, string>> options, string input)
    {
        if (body.Length != 0)
        {
            string name = scheme == TransportScheme.Pty ? "pty" : "emu";
            throw Fail(TransportUriError.UnexpectedPath, input,
                $"'{input}': {name}: takes no path, only options, e.g. {name}:?bits=32&quirks=1.");
        }
        return new TransportUri(scheme, options);
    }

    private static TransportUri ParseSerial(string body, List<KeyValuePair<string, string>> options, string input)
    {
        string path = body.StartsWith("//", StringComparison.Ordinal) ? body[2..] : body;
        path = Uri.UnescapeDataString(path);
        if (path.Length == 0)
        {
            throw Fail(TransportUriError.MissingDevicePath, input, $"'{input}': serial: needs a device path, e.g. serial:/dev/ttyUSB0.");
        }
        if (path[0] != '/')
        {
            throw Fail(TransportUriError.RelativeDevicePath, input,
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
                        throw Fail(TransportUriError.InvalidBaudRate, input,
                            $"'{input}': baud={value} is not a supported rate ({string.Join(", ", SerialBaudRates.Supported)}).");
                    }
                    break;
                case "flow":
                    flow = value.ToLowerInvariant() switch
                    {
                        "none" => SerialFlowControl.None,
                        "rtscts" => SerialFlowControl.RtsCts,
                        "xonxoff" => SerialFlowControl.XonXoff,
                        _ => throw Fail(TransportUriError.InvalidFlowControl, input,
                            $"'{input}': flow={value} is not one of none, rtscts, xonxoff."),
                    };
                    break;
                default:
                    throw Fail(TransportUriError.UnknownOption, input, $"'{input}': serial: takes the options baud and flow, not '{name}'.");
            }
        }
        return new TransportUri(TransportScheme.Serial, options) { DevicePath = path, BaudRate = baud, FlowControl = flow };
    }

    private static TransportUri ParseTcp(string body, List<KeyValuePair<string, string>> options, string input)
    {
        if (!body.StartsWith("//", StringComparison.Ordinal) || body.Length == 2)
        {
            throw Fail(TransportUriError.MissingHost, input, $"'{input}': expected tcp://host:port.");
        }
        string authority = body[2..];
        if (authority.EndsWith('/'))
        {
            authority = authority[..^1];
        }
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw Fail(TransportUriError.UnexpectedPath, input, $"'{input}': tcp: takes no path, expected tcp://host:port.");
        }

        string host;
        string portText;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || Uri.CheckHostName(authority[1..close]) != UriHostNameType.IPv6)
            {
                throw Fail(TransportUriError.InvalidHost, input, $"'{input}': a bracketed host must be an IPv6 address, e.g. tcp://[::1]:5555.");
            }
            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (!after.StartsWith(':'))
            {
                throw Fail(TransportUriError.MissingPort, input, $"'{input}': no port, expected tcp://[{host}]:port.");
            }
            portText = after[1..];
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            if (colon < 0)
            {
                throw Fail(TransportUriError.MissingPort, input, $"'{input}': no port, expected tcp://{authority}:port.");
            }
            host = authority[..colon];
            portText = authority[(colon + 1)..];
            if (host.Length == 0)
            {
                throw Fail(TransportUriError.MissingHost, input, $"'{input}': no host, expected tcp://host:port.");
            }
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw Fail(TransportUriError.InvalidHost, input, $"'{input}': put an IPv6 address in brackets, e.g. tcp://[::1]:5555.");
            }
            UriHostNameType kind = Uri.CheckHostName(host);
            if (kind is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                throw Fail(TransportUriError.InvalidHost, input, $"'{input}': '{host}' is not a host name or an IPv4 address.");
            }
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
        {
            throw Fail(TransportUriError.InvalidPort, input, $"'{input}': the port '{portText}' must be a number from 1 to 65535.");
        }
        if (options.Count != 0)
        {
            throw Fail(TransportUriError.UnknownOption, input, $"'{input}': tcp: takes no options, not '{options[0].Key}'.");
        }
        return new TransportUri(TransportScheme.Tcp, options) { Host = host, Port = port };
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
                throw Fail(TransportUriError.MalformedOption, input, $"'{input}': the option '{part}' is not name=value.");
            }
            string name = Uri.UnescapeDataString(part[..eq]).ToLowerInvariant();
            string value = Uri.UnescapeDataString(part[(eq + 1)..]);
            foreach (var existing in list)
            {
                if (existing.Key == name)
                {
                    throw Fail(TransportUriError.DuplicateOption, input, $"'{input}': the option '{name}' is given twice.");
                }
            }
            list.Add(new KeyValuePair<string, string>(name, value));
        }
        return list;
    }

    private static TransportUriException Fail(TransportUriError error, string input, string message) => new(error, input, message);
}
