using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Protocol.Qnx;

namespace Gateway.Host.Conformance.Runner;

/// <summary>
/// What the board says about itself: /fw/info (width, preferred stat form) and /fw/map (resources with their
/// mmap reply kind and flags, device windows, GPIO banks, wiring, SPI devices). The reply checks take the flags
/// of each resource from here, and device scenarios run only what is declared.
/// </summary>
public sealed class BoardFacts
{
    private readonly Dictionary<string, MapResource> resources;

    public BoardFacts(JsonNode info, JsonNode map)
    {
        Info = info;
        Map = map;
        Bits = (int?)info["bits"] ?? 64;
        PreferredForm = StatFormFromName((string?)info["preferred_stat_form"]) ?? Protocol.Qnx.StatForm.Preferred(Bits == 64);
        resources = new Dictionary<string, MapResource>(StringComparer.Ordinal);
        foreach (JsonNode? r in map["resources"]?.AsArray() ?? new JsonArray())
        {
            if (r == null)
            {
                continue;
            }

            var res = new MapResource(
                (string)r["path"]!,
                (string?)r["type"] ?? "unknown",
                (long?)r["size"] ?? 0,
                (uint)((long?)r["mode"] ?? 0),
                (int?)r["uid"] ?? 0,
                (int?)r["gid"] ?? 0,
                (string?)r["mount"] == "ro",
                (bool?)r["noexec"] ?? false,
                (string?)r["mmap"] ?? "ext",
                r["flags"] is JsonNode f ? (uint)(long)f : null,
                StatFormFromName((string?)r["stat_form"]));
            resources[res.Path] = res;
        }
    }

    public JsonNode Info { get; }

    public JsonNode Map { get; }

    public int Bits { get; }

    public int PreferredForm { get; }

    public MapResource? Resource(string path) => resources.GetValueOrDefault(path);

    /// <summary>The nearest declared resource at or above <paramref name="path"/> (for files created at run time: their directory).</summary>
    public MapResource? ResourceOrParent(string path)
    {
        string p = path;
        while (true)
        {
            if (resources.TryGetValue(p, out MapResource? r))
            {
                return r;
            }

            int slash = p.LastIndexOf('/');
            if (slash <= 0)
            {
                return resources.GetValueOrDefault("/");
            }

            p = p[..slash];
        }
    }

    /// <summary>The stat form of a resource's replies: its fixed form, else the board's preferred one.</summary>
    public int FormFor(string path) => Resource(path)?.StatForm ?? PreferredForm;

    /// <summary>Null when the board declares <paramref name="requirement"/> (scenario <c>target.requires</c>), else why not.</summary>
    public string? Missing(string requirement)
    {
        switch (requirement)
        {
            case "wiring":
                return Count("wiring") > 0 ? null : "the board declares no loopback wiring in /fw/map";
            case "window":
                return Count("windows") > 0 ? null : "the board declares no /dev/mem window in /fw/map";
        }

        if (requirement.StartsWith("spi:", StringComparison.Ordinal))
        {
            string device = requirement[4..];
            bool found = (Map["spi"]?.AsArray() ?? new JsonArray()).Any(s => string.Equals((string?)s?["device"], device, StringComparison.Ordinal));
            return found ? null : $"the board declares no {device} on spi0 in /fw/map";
        }

        if (requirement.StartsWith("path:", StringComparison.Ordinal))
        {
            return resources.ContainsKey(requirement[5..]) ? null : $"the board has no {requirement[5..]}";
        }

        return $"unknown requirement '{requirement}'";
    }

    private int Count(string key) => Map[key] is JsonArray a ? a.Count : 0;

    /// <summary>A value of /fw/map by a dotted path (<c>wiring.0.from_pin</c>, <c>windows.0.start</c>), or null.</summary>
    public static JsonNode? Lookup(JsonNode root, string path)
    {
        JsonNode? n = root;
        foreach (string part in path.Split('.'))
        {
            n = n switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out int i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (n == null)
            {
                return null;
            }
        }

        return n;
    }

    private static int? StatFormFromName(string? name) => name switch
    {
        "t32_2001" => Protocol.Qnx.StatForm.T32_2001,
        "t32_2008" => Protocol.Qnx.StatForm.T32_2008,
        "t64_2008" => Protocol.Qnx.StatForm.T64_2008,
        _ => null,
    };

    public static JsonNode ParseJson(byte[] bytes, string what)
    {
        try
        {
            return JsonNode.Parse(bytes) ?? throw new FormatException($"{what} is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not JSON: {e.Message}");
        }
    }
}
