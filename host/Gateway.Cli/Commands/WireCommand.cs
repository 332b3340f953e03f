using System;
using System.CommandLine;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Wire;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gateway wire decode|encode|types</c>: QNX message bytes ↔ JSON whose keys are the C member paths
/// (hardware-docs/qnx-messages.md).
/// </summary>
public static class WireCommand
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console)
    {
        var wire = new Command("wire", "Decode QNX message bytes to JSON keyed by the C member paths, and encode that JSON back to bytes.");
        wire.Add(CreateDecode(console));
        wire.Add(CreateEncode(console));
        wire.Add(CreateTypes(console));
        return wire;
    }

    private static Option<string> TypeOption()
    {
        var option = new Option<string>("--type", "-t")
        {
            Description = "The QNX structure: " + string.Join(", ", WireTypes.Names) + " ('gateway wire types' describes them).",
            Required = true,
            HelpName = "TYPE",
        };
        option.AcceptOnlyFromAmong(WireTypes.Names.ToArray());
        return option;
    }

    private static Option<string?> FormOption()
    {
        var option = new Option<string?>("--form", "-f")
        {
            Description = "The stat form of --type stat (a bare stat does not carry it): t32_2001 (72 bytes), t32_2008 (96), t64_2008 (120).",
            HelpName = "FORM",
        };
        option.AcceptOnlyFromAmong(WireTypes.FormNames.ToArray());
        return option;
    }

    private static Command CreateDecode(CliConsole console)
    {
        Option<string> type = TypeOption();
        Option<string?> form = FormOption();
        var hex = new Argument<string>("HEX")
        {
            Description = "The bytes in hex, or - to read them from standard input. Upper or lower case; whitespace anywhere and one leading 0x are allowed.",
        };
        var decode = new Command("decode", "Print the fields of QNX message bytes as JSON (keys are the C member paths; every number an integer).")
        {
            type, form, hex,
        };
        decode.SetAction(parse => Decode(console, parse.GetValue(type)!, parse.GetValue(form), parse.GetValue(hex)!));
        return decode;
    }

    private static Command CreateEncode(CliConsole console)
    {
        Option<string> type = TypeOption();
        Option<string?> form = FormOption();
        var json = new Argument<string>("JSON")
        {
            Description = "The fields as 'wire decode' prints them, or - to read them from standard input. Every field is required except reserved ones (zero…), which default to 0; *_names keys are ignored; unknown keys are refused.",
        };
        var encode = new Command("encode", "Encode JSON fields (as 'wire decode' prints them) to QNX message bytes, printed as lowercase hex.")
        {
            type, form, json,
        };
        encode.SetAction(parse => Encode(console, parse.GetValue(type)!, parse.GetValue(form), parse.GetValue(json)!));
        return encode;
    }

    private static Command CreateTypes(CliConsole console)
    {
        var types = new Command("types", "List the --type names and the QNX structures they map.");
        types.SetAction(_ =>
        {
            foreach (WireType t in WireTypes.All)
            {
                console.Out.WriteLine($"{t.Name,-16} {t.Summary}");
            }

            return (int)ExitCode.Ok;
        });
        return types;
    }

    private static (WireType Type, WireOptions Options) Resolve(string typeName, string? formName)
    {
        WireType type = WireTypes.Find(typeName) ?? throw new WireInputException("--type", $"unknown type '{typeName}'");
        if (type.NeedsForm && formName == null)
        {
            throw new WireInputException("--form", $"--type {type.Name} needs --form t32_2001, t32_2008 or t64_2008");
        }

        if (!type.NeedsForm && formName != null)
        {
            throw new WireInputException("--form", $"--type {type.Name} takes no --form (only --type stat does)");
        }

        return (type, new WireOptions(WireTypes.FormFromName(formName)));
    }

    private static string ReadInput(CliConsole console, string value)
    {
        return value == "-" ? console.In.ReadToEnd() : value;
    }

    public static int Decode(CliConsole console, string typeName, string? formName, string hex)
    {
        try
        {
            (WireType type, WireOptions options) = Resolve(typeName, formName);
            byte[] bytes = HexText.Parse(ReadInput(console, hex), WireErrors.Input);
            JsonNode node = type.Decode(bytes, options);
            console.Out.WriteLine(node.ToJsonString(Pretty));
            return (int)ExitCode.Ok;
        }
        catch (WireInputException e)
        {
            return console.Fail("wire decode", e.Message, ExitCode.Usage);
        }
    }

    public static int Encode(CliConsole console, string typeName, string? formName, string json)
    {
        try
        {
            (WireType type, WireOptions options) = Resolve(typeName, formName);
            using JsonDocument document = ParseJson(ReadInput(console, json));
            byte[] bytes = type.Encode(document.RootElement, options);
            console.Out.WriteLine(HexText.Format(bytes));
            return (int)ExitCode.Ok;
        }
        catch (WireInputException e)
        {
            return console.Fail("wire encode", e.Message, ExitCode.Usage);
        }
    }

    private static JsonDocument ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new WireInputException("JSON", "not valid JSON: " + e.Message);
        }
    }
}
