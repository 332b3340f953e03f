using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Host.Wire;

/// <summary>
/// The integer members of one QNX struct as a table (C member path, offset, type), bound to the board codec
/// object that encodes and decodes them. It prints a decoded object as nested JSON in C member order and reads
/// it back; the bytes themselves are always produced and parsed by the board codec.
/// </summary>
public sealed class StructLayout<T>
{
    private readonly List<WireField<T>> fields = new();

    public IReadOnlyList<WireField<T>> Fields => fields;

    public StructLayout<T> Add(string path, int offset, WireKind kind, Func<T, Int128> get, Action<T, Int128> set,
        FieldRole role = FieldRole.Required, Func<Int128, IReadOnlyList<string>>? names = null, Int128? expect = null, string? expectName = null)
    {
        fields.Add(new WireField<T>(path, offset, kind, get, set, role, names, expect, expectName));
        return this;
    }

    /// <summary>Adds a reserved field.</summary>
    public StructLayout<T> Reserved(string path, int offset, WireKind kind, Func<T, Int128> get, Action<T, Int128> set)
    {
        return Add(path, offset, kind, get, set, FieldRole.Reserved);
    }

    /// <summary>Adds every field of <paramref name="inner"/> under <paramref name="prefix"/> at <paramref name="offset"/>.</summary>
    public StructLayout<T> Include<TInner>(StructLayout<TInner> inner, string prefix, int offset, Func<T, TInner> select)
    {
        foreach (WireField<TInner> f in inner.Fields)
        {
            WireField<TInner> g = f;
            fields.Add(new WireField<T>(prefix + g.Path, offset + g.Offset, g.Kind, o => g.Get(select(o)), (o, v) => g.Set(select(o), v), g.Role, g.Names, g.Expect, g.ExpectName));
        }

        return this;
    }

    /// <summary>The error for <paramref name="length"/> bytes of a struct that needs <paramref name="needed"/>, naming the first field cut.</summary>
    public WireInputException Truncated(string cName, int length, int needed)
    {
        WireField<T>? cut = FirstCutField(length);
        return WireErrors.Truncated(cName, length, needed, cut?.Path, cut?.Offset ?? 0);
    }

    /// <summary>The first field not wholly inside <paramref name="length"/> bytes, or null.</summary>
    public WireField<T>? FirstCutField(int length)
    {
        WireField<T>? cut = null;
        foreach (WireField<T> f in fields)
        {
            if (f.End > length && (cut == null || f.Offset < cut.Offset))
            {
                cut = f;
            }
        }

        return cut;
    }

    // ------------------------------------------------------------------ decode side

    public void Emit(T codec, JsonObject root)
    {
        foreach (WireField<T> f in fields)
        {
            Int128 value = f.Get(codec);
            (JsonObject parent, string leaf, int index) = Locate(root, f.Path);
            if (index < 0)
            {
                parent[leaf] = Number(value);
                if (f.Names != null)
                {
                    var names = new JsonArray();
                    foreach (string n in f.Names(value))
                    {
                        names.Add(n);
                    }

                    parent[leaf + "_names"] = names;
                }
            }
            else
            {
                if (parent[leaf] is not JsonArray array)
                {
                    array = new JsonArray();
                    parent[leaf] = array;
                }

                while (array.Count <= index)
                {
                    array.Add(null);
                }

                array[index] = Number(value);
            }
        }
    }

    /// <summary>An integer as a JSON number, exact for the whole u64 and i64 ranges.</summary>
    public static JsonNode Number(Int128 value)
    {
        return value >= long.MinValue && value <= long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonValue.Create((ulong)value);
    }

    private static (JsonObject Parent, string Leaf, int Index) Locate(JsonObject root, string path)
    {
        string[] segments = path.Split('.');
        JsonObject current = root;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            if (current[segments[i]] is not JsonObject child)
            {
                child = new JsonObject();
                current[segments[i]] = child;
            }

            current = child;
        }

        (string leaf, int index) = SplitIndex(segments[^1]);
        return (current, leaf, index);
    }

    private static (string Name, int Index) SplitIndex(string segment)
    {
        int open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (segment, -1);
        }

        return (segment.Substring(0, open), int.Parse(segment.AsSpan(open + 1, segment.Length - open - 2), CultureInfo.InvariantCulture));
    }

    // ------------------------------------------------------------------ encode side

    /// <summary>Reads every field from <paramref name="root"/> into <paramref name="codec"/>; unknown keys are checked by the caller.</summary>
    public void Read(JsonObjectReader root, T codec)
    {
        var arrays = new Dictionary<string, JsonElement[]?>(StringComparer.Ordinal);
        foreach (WireField<T> f in fields)
        {
            bool optional = f.Role == FieldRole.Reserved;
            string[] segments = f.Path.Split('.');
            JsonObjectReader? parent = root;
            for (int i = 0; i < segments.Length - 1 && parent != null; i++)
            {
                parent = parent.Child(segments[i], required: !optional);
            }

            (string leaf, int index) = SplitIndex(segments[^1]);
            Int128 value = 0;
            if (parent != null)
            {
                if (index < 0)
                {
                    value = parent.Integer(leaf, f.Kind, optional ? 0 : null);
                }
                else
                {
                    string arrayPath = parent.Join(leaf);
                    if (!arrays.TryGetValue(arrayPath, out JsonElement[]? items))
                    {
                        items = ReadArray(parent, leaf, ArrayLength(f.Path), optional);
                        arrays.Add(arrayPath, items);
                    }

                    if (items != null)
                    {
                        value = JsonObjectReader.ToInteger(items[index], $"{arrayPath}[{index}]", f.Kind);
                    }
                }
            }

            if (f.Expect.HasValue && value != f.Expect.Value)
            {
                throw new WireInputException(f.Path, $"must be {f.Expect.Value} (0x{(ulong)f.Expect.Value:x}, {f.ExpectName}) for this type, got {value}");
            }

            f.Set(codec, value);
        }
    }

    private int ArrayLength(string path)
    {
        string prefix = path.Substring(0, path.LastIndexOf('[') + 1);
        int n = 0;
        foreach (WireField<T> f in fields)
        {
            if (f.Path.StartsWith(prefix, StringComparison.Ordinal))
            {
                n++;
            }
        }

        return n;
    }

    private static JsonElement[]? ReadArray(JsonObjectReader parent, string leaf, int length, bool optional)
    {
        if (!parent.TryGet(leaf, out JsonElement e))
        {
            if (optional)
            {
                return null;
            }

            throw new WireInputException(parent.Join(leaf), "missing");
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != length)
        {
            throw new WireInputException(parent.Join(leaf), $"must be an array of {length} integers, got {JsonObjectReader.Describe(e)}{(e.ValueKind == JsonValueKind.Array ? $" of {e.GetArrayLength()}" : "")}");
        }

        var items = new JsonElement[length];
        int i = 0;
        foreach (JsonElement item in e.EnumerateArray())
        {
            items[i++] = item;
        }

        return items;
    }

    /// <summary>Writes the reserved and host-written fields over the codec's output (which wrote them as 0).</summary>
    public void PatchHostFields(T codec, Span<byte> bytes)
    {
        foreach (WireField<T> f in fields)
        {
            if (f.Role != FieldRole.Required)
            {
                WireKinds.Write(bytes.Slice(f.Offset), f.Kind, f.Get(codec));
            }
        }
    }
}
