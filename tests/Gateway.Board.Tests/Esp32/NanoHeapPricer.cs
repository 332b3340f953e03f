using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gateway.Board.Tests.Esp32;

/// <summary>
/// Prices an object graph as nanoFramework lays it out on a 32-bit chip (boards/esp32-devkitc, "Memory"): every
/// object is one 12-byte heap block plus one 12-byte block per instance field (a struct field adds the struct's
/// own blocks); an array is a 24-byte header plus its payload rounded up to 12 (primitives packed by size, every
/// reference or struct element a 12-byte block, a struct's fields boxed beside it); a string 12 bytes plus its
/// UTF-8 text and terminator rounded up to 12; a delegate 36 bytes. Walks instance fields by reflection over the
/// reference graph (each object once). Objects of a type <see cref="Stand"/> names are desktop stand-ins for a
/// device object: they are not walked and are priced at the given device estimate instead. Any other object of
/// a type outside <see cref="BoardAssemblies"/> fails the walk, so nothing is priced by accident.
/// </summary>
public sealed class NanoHeapPricer
{
    public const int Block = 12;

    private readonly HashSet<object> seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, long> byType = new();
    private readonly Dictionary<Type, long> standIns = new();
    private readonly HashSet<Assembly> boardAssemblies = new();
    private readonly Dictionary<object, string> owner = new(ReferenceEqualityComparer.Instance);
    private readonly List<(long Bytes, string Where)> bigArrays = new();

    public long Total { get; private set; }

    public IReadOnlyDictionary<string, long> ByType => byType;

    /// <summary>Assemblies whose types are the board's own (walked field by field).</summary>
    public NanoHeapPricer BoardAssemblies(params Assembly[] assemblies)
    {
        foreach (var a in assemblies)
        {
            boardAssemblies.Add(a);
        }

        return this;
    }

    /// <summary>Objects of <paramref name="type"/> (or derived) stand for a device object priced at <paramref name="deviceBytes"/>; not walked.</summary>
    public NanoHeapPricer Stand(Type type, long deviceBytes)
    {
        standIns[type] = deviceBytes;
        return this;
    }

    /// <summary>Adds a device object that has no desktop counterpart in the graph (an estimate, named).</summary>
    public void AddEstimate(string what, long bytes)
    {
        Add("estimate: " + what, bytes);
    }

    /// <summary>The static fields of every type of the board assemblies: nanoFramework runs the static constructors at start.</summary>
    public void AddStatics()
    {
        foreach (var assembly in boardAssemblies)
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsGenericTypeDefinition || type.Name.StartsWith('<'))
                {
                    continue;
                }

                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.IsLiteral)
                    {
                        continue;
                    }

                    RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                    Add("static slots", Block);
                    object? value = field.GetValue(null);
                    if (value != null && !owner.ContainsKey(value))
                    {
                        owner[value] = type.Name + "." + field.Name;
                    }

                    Walk(value);
                }
            }
        }
    }

    public void Walk(object? root)
    {
        var stack = new Stack<object>();
        Push(stack, root);
        while (stack.Count > 0)
        {
            object o = stack.Pop();
            Type t = o.GetType();
            if (o is string s)
            {
                Add("string", Block + RoundUp(Encoding.UTF8.GetByteCount(s) + 1));
                continue;
            }

            if (o is Delegate d)
            {
                Add("delegate", 3 * Block);
                foreach (var each in d.GetInvocationList())
                {
                    if (each.Target != null && each.Target != o)
                    {
                        Push(stack, each.Target);
                    }
                }

                continue;
            }

            if (StandIn(t, out long estimate))
            {
                Add("stand-in: " + t.Name, estimate);
                continue;
            }

            if (t.IsArray)
            {
                var array = (Array)o;
                Type e = t.GetElementType()!;
                long payload;
                if (e.IsPrimitive || e.IsEnum)
                {
                    payload = (long)array.Length * PrimitiveSize(e.IsEnum ? Enum.GetUnderlyingType(e) : e);
                }
                else if (e.IsValueType)
                {
                    payload = (long)array.Length * (Block + StructBlocks(e));
                }
                else
                {
                    payload = (long)array.Length * Block;
                    foreach (object? element in array)
                    {
                        Push(stack, element);
                    }
                }

                long arrayBytes = 2 * Block + RoundUp(payload);
                Add(e.IsPrimitive ? e.Name + "[]" : "other arrays", arrayBytes);
                if (arrayBytes >= 1024)
                {
                    bigArrays.Add((arrayBytes, $"{e.Name}[{array.Length}] in {owner.GetValueOrDefault(o, "?")}"));
                }

                continue;
            }

            if (t == typeof(object))
            {
                Add("object (locks)", Block);
                continue;
            }

            if (!boardAssemblies.Contains(t.Assembly))
            {
                throw new InvalidOperationException($"no nanoFramework price for {t.FullName} ({t.Assembly.GetName().Name}): add it to the board assemblies or as a stand-in");
            }

            long size = Block;
            foreach (var field in InstanceFields(t))
            {
                size += Block;
                if (field.FieldType.IsValueType && !field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
                {
                    size += StructBlocks(field.FieldType);
                }
                else if (!field.FieldType.IsValueType)
                {
                    object? value = field.GetValue(o);
                    if (value != null && !owner.ContainsKey(value))
                    {
                        owner[value] = t.Name + "." + field.Name;
                    }

                    Push(stack, value);
                }
            }

            Add(t.Name, size);
        }
    }

    /// <summary>The largest contributors, for a failure message or the test log.</summary>
    public string Report(int top = 15)
    {
        var rows = new List<KeyValuePair<string, long>>(byType);
        rows.Sort((a, b) => b.Value.CompareTo(a.Value));
        var sb = new StringBuilder();
        sb.AppendLine($"total {Total:N0} bytes ({Total / 1024.0:F1} KiB)");
        for (int i = 0; i < Math.Min(top, rows.Count); i++)
        {
            sb.AppendLine($"  {rows[i].Value,9:N0}  {rows[i].Key}");
        }

        bigArrays.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
        sb.AppendLine("arrays of 1 KiB or more:");
        foreach (var (bytes, where) in bigArrays)
        {
            sb.AppendLine($"  {bytes,9:N0}  {where}");
        }

        return sb.ToString();
    }

    private void Push(Stack<object> stack, object? o)
    {
        if (o != null && !o.GetType().IsValueType && seen.Add(o))
        {
            stack.Push(o);
        }
    }

    private bool StandIn(Type t, out long estimate)
    {
        foreach (var (type, bytes) in standIns)
        {
            if (type.IsAssignableFrom(t))
            {
                estimate = bytes;
                return true;
            }
        }

        estimate = 0;
        return false;
    }

    private void Add(string key, long bytes)
    {
        byType[key] = byType.GetValueOrDefault(key) + bytes;
        Total += bytes;
    }

    private static IEnumerable<FieldInfo> InstanceFields(Type t)
    {
        for (Type? c = t; c != null && c != typeof(object); c = c.BaseType)
        {
            foreach (var f in c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return f;
            }
        }
    }

    private static long StructBlocks(Type s)
    {
        long size = Block;
        foreach (var f in InstanceFields(s))
        {
            size += Block;
        }

        return size;
    }

    private static int PrimitiveSize(Type e) =>
        e == typeof(bool) || e == typeof(byte) || e == typeof(sbyte) ? 1
        : e == typeof(char) || e == typeof(short) || e == typeof(ushort) ? 2
        : e == typeof(long) || e == typeof(ulong) || e == typeof(double) ? 8
        : 4;

    private static long RoundUp(long bytes) => (bytes + Block - 1) / Block * Block;
}
