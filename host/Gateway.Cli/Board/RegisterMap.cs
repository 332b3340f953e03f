using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Protocol.Qnx;

namespace Gateway.Cli.Board;

/// <summary>
/// The board's register maps as <c>/fw/map</c> serves them (hardware-docs/register-maps.md): which resource is
/// which register block (<c>resources[].register_map</c>), the registers of each block (<c>register_maps</c>:
/// name, offset, access) and the device windows of <c>/dev/mem</c> (<c>windows</c>: start, size, resource).
/// <c>peek</c> and <c>poke</c> name the register they touch from it, so the names are the board's own.
/// </summary>
internal sealed class RegisterMap
{
    /// <summary>The device memory path whose offsets are physical addresses, translated through the windows.</summary>
    public const string DeviceMemory = "/dev/mem";

    private readonly Dictionary<string, string> blockOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Register>> blocks = new(StringComparer.Ordinal);
    private readonly List<(ulong Start, ulong Size, string Resource)> windows = new();

    private RegisterMap()
    {
    }

    /// <summary>Reads <c>/fw/map</c> as the client; a board that does not serve it, or serves it malformed, gives the reason instead.</summary>
    public static async Task<(RegisterMap? Map, string? Why)> ReadAsync(BoardContext context)
    {
        byte[] bytes;
        try
        {
            int fd = await context.OpenAsync("/fw/map", OpenFlags.ReadOnly).ConfigureAwait(false);
            bytes = await context.ReadToEndAsync(fd, "/fw/map").ConfigureAwait(false);
            await context.Client.CloseAsync(fd).ConfigureAwait(false);
        }
        catch (CommandException e)
        {
            return (null, e.Message);
        }

        try
        {
            return (Parse(bytes), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return (null, "/fw/map does not hold register maps as hardware-docs/register-maps.md describes: " + e.Message);
        }
    }

    /// <summary>Parses the JSON of <c>/fw/map</c>; throws for a document that is not its shape.</summary>
    public static RegisterMap Parse(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        var map = new RegisterMap();
        if (root.TryGetProperty("resources", out JsonElement resources))
        {
            foreach (JsonElement r in resources.EnumerateArray())
            {
                if (r.TryGetProperty("register_map", out JsonElement block) && block.GetString() is { } name)
                {
                    map.blockOf[r.GetProperty("path").GetString()!] = name;
                }
            }
        }

        if (root.TryGetProperty("register_maps", out JsonElement maps))
        {
            foreach (JsonProperty block in maps.EnumerateObject())
            {
                var registers = new List<Register>();
                foreach (JsonElement reg in block.Value.EnumerateArray())
                {
                    registers.Add(new Register(
                        block.Name,
                        reg.GetProperty("name").GetString()!,
                        reg.GetProperty("offset").GetUInt64(),
                        reg.TryGetProperty("access", out JsonElement access) ? access.GetString() ?? "" : ""));
                }

                map.blocks[block.Name] = registers;
            }
        }

        if (root.TryGetProperty("windows", out JsonElement windowList))
        {
            foreach (JsonElement w in windowList.EnumerateArray())
            {
                map.windows.Add((w.GetProperty("start").GetUInt64(), w.GetProperty("size").GetUInt64(), w.GetProperty("resource").GetString()!));
            }
        }

        return map;
    }

    /// <summary>True when accesses to <paramref name="path"/> land on registers (a register block, or /dev/mem and its windows).</summary>
    public bool HasRegisters(string path) => blockOf.ContainsKey(path) || (path == DeviceMemory && windows.Count > 0);

    /// <summary>
    /// What an access of <paramref name="width"/> bytes at <paramref name="offset"/> of <paramref name="path"/> touches,
    /// or null when the path is no register block.
    /// </summary>
    public RegisterSpot? Find(string path, ulong offset, int width)
    {
        string resource = path;
        ulong at = offset;
        if (path == DeviceMemory)
        {
            (ulong Start, ulong Size, string Resource)? window = null;
            foreach (var w in windows)
            {
                if (offset >= w.Start && offset - w.Start < w.Size)
                {
                    window = w;
                }
            }

            if (window == null)
            {
                return null;
            }

            resource = window.Value.Resource;
            at = offset - window.Value.Start;
        }

        if (!blockOf.TryGetValue(resource, out string? blockName) || !blocks.TryGetValue(blockName, out List<Register>? registers))
        {
            return null;
        }

        foreach (Register r in registers)
        {
            if (at >= r.Offset && at < r.Offset + Register.Size)
            {
                bool exact = at == r.Offset && width == Register.Size;
                return new RegisterSpot(resource, at, r, exact);
            }
        }

        return new RegisterSpot(resource, at, null, false) { Block = blockName };
    }

    /// <summary>One register of a block: all are 32-bit words (register-maps.md).</summary>
    public sealed record Register(string Block, string Name, ulong Offset, string Access)
    {
        public const int Size = 4;
    }

    /// <summary>Where an access lands: the resource and offset (through a window for /dev/mem) and its register, if any.</summary>
    public sealed record RegisterSpot(string Resource, ulong Offset, Register? Register, bool Exact)
    {
        /// <summary>The block's name when no register sits at the offset.</summary>
        public string? Block { get; init; }

        /// <summary>
        /// <c>OUTPUT (RW)</c>; <c>bytes 2–3 of OUTPUT (RW)</c> for a part of one; <c>(no gpio-bank register)</c> in a gap.
        /// </summary>
        public string Describe(int width)
        {
            if (Register == null)
            {
                return $"(no {Block} register)";
            }

            string name = Register.Access.Length == 0 ? Register.Name : $"{Register.Name} ({Register.Access})";
            if (Exact)
            {
                return name;
            }

            ulong first = Offset - Register.Offset;
            ulong last = Math.Min(first + (ulong)width, Register.Size) - 1;
            return first == last
                ? $"byte {first} of {name}"
                : string.Create(CultureInfo.InvariantCulture, $"bytes {first}–{last} of {name}");
        }
    }

    /// <summary>An offset with at least four hex digits: <c>0x0004</c>, as register tables write them.</summary>
    public static string Hex4(ulong value) => "0x" + value.ToString("x4", CultureInfo.InvariantCulture);
}
