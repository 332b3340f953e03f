using System;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Gateway.Host.Conformance.Format;

/// <summary>
/// Finds a value in what a step observed by a capture's path (format 2). At an object the longest key the rest of the
/// path begins with is taken, so keys with dots in them (file paths) need no quoting: <c>files./data/notes.txt.open</c>.
/// At an array, an index (<c>events.0.count</c>) or the first element whose member equals a value
/// (<c>events[source=32].count</c>).
/// </summary>
internal static class ObservedPath
{
    /// <summary>The node at <paramref name="path"/> in <paramref name="root"/>, or null with the segment where it stopped.</summary>
    public static JsonNode? Find(JsonNode? root, string path, out string stoppedAt) =>
        TryFind(root, path, out JsonNode? node, out stoppedAt) ? node : null;

    /// <summary>True when <paramref name="path"/> leads somewhere in <paramref name="root"/> (a JSON null included).</summary>
    public static bool TryFind(JsonNode? root, string path, out JsonNode? found, out string stoppedAt)
    {
        found = null;
        JsonNode? node = root;
        string rest = path;
        string done = "";
        while (rest.Length > 0)
        {
            stoppedAt = done;
            if (node == null)
            {
                return false;
            }

            if (rest[0] == '[')
            {
                int close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || node is not JsonArray arr)
                {
                    return false;
                }

                string selector = rest[1..close];
                node = Select(arr, selector);
                if (node == null)
                {
                    return false;
                }

                done += rest[..(close + 1)];
                rest = rest[(close + 1)..].TrimStart('.');
                continue;
            }

            if (node is JsonObject o)
            {
                string? best = null;
                foreach (var (key, _) in o)
                {
                    if ((rest == key || rest.StartsWith(key + ".", StringComparison.Ordinal) || rest.StartsWith(key + "[", StringComparison.Ordinal))
                        && (best == null || key.Length > best.Length))
                    {
                        best = key;
                    }
                }

                if (best == null)
                {
                    return false;
                }

                node = o[best];
                done = Pattern.Join(done, best);
                rest = rest[best.Length..].TrimStart('.');
                continue;
            }

            if (node is JsonArray a)
            {
                int dot = rest.IndexOfAny(new[] { '.', '[' });
                string index = dot < 0 ? rest : rest[..dot];
                if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= a.Count)
                {
                    return false;
                }

                node = a[i];
                done = Pattern.Join(done, index);
                rest = dot < 0 ? "" : rest[dot..].TrimStart('.');
                continue;
            }

            return false;
        }

        stoppedAt = "";
        found = node;
        return true;
    }

    /// <summary>The first element of <paramref name="arr"/> whose member KEY equals VALUE (<c>source=32</c>; numbers compare as numbers).</summary>
    private static JsonNode? Select(JsonArray arr, string selector)
    {
        int eq = selector.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < arr.Count ? arr[i] : null;
        }

        string key = selector[..eq].Trim();
        string want = selector[(eq + 1)..].Trim();
        foreach (JsonNode? e in arr)
        {
            JsonNode? m = e is JsonObject o ? o[key] : null;
            if (m is JsonValue v)
            {
                if (Pattern.TryNumber(v, out ulong n) && ulong.TryParse(want, NumberStyles.None, CultureInfo.InvariantCulture, out ulong w) && n == w)
                {
                    return e;
                }

                if (v.TryGetValue(out string? s) && s == want)
                {
                    return e;
                }
            }
        }

        return null;
    }
}
