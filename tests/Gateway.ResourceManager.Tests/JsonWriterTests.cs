using System;
using System.Text;
using System.Text.Json;
using Gateway.ResourceManager.Introspection;

namespace Gateway.ResourceManager.Tests;

/// <summary>
/// The board's JSON writer (board-resources.md, "/fw/info and /fw/map"): exact sizes, overflow reported, numbers, and
/// every UTF-16 string written as valid JSON in UTF-8 — read back by System.Text.Json, whole or window by window.
/// </summary>
public sealed class JsonWriterTests
{
    [Fact]
    public void JsonWriter_Overflow_IsReportedNotThrown()
    {
        var w = new JsonWriter();
        var buf = new byte[10];
        w.Reset(buf, 0, buf.Length);
        w.BeginObject();
        w.Property("a-long-name", 1234567);
        w.EndObject();
        Assert.True(w.Overflowed);
        Assert.Equal(10, w.Length);
    }

    [Fact]
    public void JsonWriter_EmptyBuffer_NeededMeasuresTheDocumentExactly()
    {
        var w = new JsonWriter();
        w.Reset(new byte[0], 0, 0);
        w.BeginObject();
        w.Property("a-long-name", 1234567);
        w.Property("text", "x\"y");
        w.EndObject();
        int needed = w.Needed;
        var buf = new byte[needed];
        w.Reset(buf, 0, buf.Length);
        w.BeginObject();
        w.Property("a-long-name", 1234567);
        w.Property("text", "x\"y");
        w.EndObject();

        Assert.Equal("{\"a-long-name\":1234567,\"text\":\"x\\\"y\"}", System.Text.Encoding.ASCII.GetString(buf));
        Assert.False(w.Overflowed);
        Assert.Equal(needed, w.Length);
    }

    [Fact]
    public void JsonWriter_Numbers_ExtremesPrintExactly()
    {
        var w = new JsonWriter();
        var buf = new byte[200];
        w.Reset(buf, 0, buf.Length);
        w.BeginArray();
        w.Value(long.MinValue);
        w.Value(long.MaxValue);
        w.Value(ulong.MaxValue);
        w.Value(0L);
        w.EndArray();
        Assert.Equal("[-9223372036854775808,9223372036854775807,18446744073709551615,0]", Encoding.ASCII.GetString(buf, 0, w.Length));
    }

    [Fact]
    public void JsonWriter_NonAsciiCharacters_AreTheirUtf8Bytes()
    {
        const string text = "caf\u00e9 \u0800\u20ac\uffff \ud83d\ude00 \U0010FFFF";
        Assert.Equal(Encoding.UTF8.GetBytes("\"" + text + "\""), Write(w => w.Value(text)));
    }

    [Fact]
    public void JsonWriter_ControlCharactersQuoteAndBackslash_AreEscaped()
    {
        Assert.Equal("\"\\u0000\\u001f\\u007f\\\"\\\\ \\u000a\"", Encoding.UTF8.GetString(Write(w => w.Value("\0\u001f\u007f\"\\ \n"))));
    }

    [Fact]
    public void JsonWriter_LoneSurrogate_IsTheEscapeOfItself()
    {
        // (value, JSON text between the quotes); the pair after a lone high surrogate stays one UTF-8 character.
        string[,] cases =
        {
            { "a\ud800b", "a\\ud800b" },
            { "\udc00", "\\udc00" },
            { "x\udbff", "x\\udbff" },
            { "\udc00\ud800", "\\udc00\\ud800" },
            { "\ud800\ud83d\ude00", "\\ud800\U0001F600" },
        };

        for (int i = 0; i < cases.GetLength(0); i++)
        {
            byte[] written = Write(w => w.Value(cases[i, 0]));

            Assert.Equal(Encoding.UTF8.GetBytes("\"" + cases[i, 1] + "\""), written);
            using JsonDocument doc = JsonDocument.Parse(written); // valid JSON text
            Assert.Equal(JsonValueKind.String, doc.RootElement.ValueKind);
        }
    }

    [Fact]
    public void JsonWriter_EveryBmpCharacterAndAstralSamples_RoundTripThroughSystemTextJson()
    {
        var all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (c < 0xD800 || c > 0xDFFF)
            {
                all.Append((char)c);
            }
        }

        foreach (int code in new[] { 0x10000, 0x1F600, 0x2A6D6, 0xE0001, 0x10FFFF })
        {
            all.Append(char.ConvertFromUtf32(code));
        }

        string text = all.ToString();
        byte[] written = Write(w => w.Value(text));

        using JsonDocument doc = JsonDocument.Parse(written);
        Assert.Equal(text, doc.RootElement.GetString());
    }

    [Fact]
    public void JsonWriter_RandomStrings_RoundTripAsNamesValuesAndJoinedPaths()
    {
        var random = new Random(20261204);
        for (int round = 0; round < 200; round++)
        {
            string[] strings = new string[6];
            for (int i = 0; i < strings.Length; i++)
            {
                strings[i] = RandomString(random);
            }

            byte[] written = Write(w =>
            {
                w.BeginArray();
                w.BeginObject();
                w.Property(strings[0], strings[1]);
                w.EndObject();
                w.BeginObject();
                w.Property(strings[2], strings[3], strings[4]);
                w.EndObject();
                w.Value(strings[5]);
                w.EndArray();
            });

            using JsonDocument doc = JsonDocument.Parse(written);
            JsonProperty first = Single(doc.RootElement[0]);
            JsonProperty joined = Single(doc.RootElement[1]);
            Assert.Equal(strings[0], first.Name);
            Assert.Equal(strings[1], first.Value.GetString());
            Assert.Equal(strings[2], joined.Name);
            Assert.Equal(strings[3] + strings[4], joined.Value.GetString());
            Assert.Equal(strings[5], doc.RootElement[2].GetString());
        }
    }

    private static JsonProperty Single(JsonElement obj)
    {
        JsonProperty only = default;
        int count = 0;
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            only = p;
            count++;
        }

        Assert.Equal(1, count);
        return only;
    }

    [Fact]
    public void JsonWriter_WindowsStartingOrEndingInsideACharacter_JoinToTheWholeDocument()
    {
        const string text = "\u00e9\u20ac\ud83d\ude00\ud800\u0001x";
        void Document(JsonWriter w)
        {
            w.BeginObject();
            w.Property("name\u00e9", text);
            w.Property("path", "/data/\u20ac", text);
            w.EndObject();
        }

        byte[] whole = Write(Document);
        var w = new JsonWriter();
        foreach (int size in new[] { 1, 2, 3, 5 })
        {
            for (int offset = 0; offset < whole.Length; offset++)
            {
                int count = Math.Min(size, whole.Length - offset);
                var window = new byte[count + 2];
                w.ResetWindow(window, 1, count, offset);
                Document(w);

                Assert.Equal(whole.AsSpan(offset, count).ToArray(), window.AsSpan(1, count).ToArray());
                Assert.Equal(0, window[0]);
                Assert.Equal(0, window[count + 1]);
            }
        }
    }

    /// <summary>Writes a document the size it measures, checking the two passes agree.</summary>
    private static byte[] Write(Action<JsonWriter> document)
    {
        var w = new JsonWriter();
        w.Reset(new byte[0], 0, 0);
        document(w);
        var buffer = new byte[w.Needed];
        w.Reset(buffer, 0, buffer.Length);
        document(w);
        Assert.False(w.Overflowed);
        Assert.Equal(buffer.Length, w.Length);
        return buffer;
    }

    /// <summary>
    /// Up to 12 characters from every range: printable and control ASCII, two- and three-byte UTF-8 (below and above
    /// the surrogates), and astral characters as surrogate pairs.
    /// </summary>
    private static string RandomString(Random random)
    {
        var s = new StringBuilder();
        int length = random.Next(0, 13);
        for (int i = 0; i < length; i++)
        {
            switch (random.Next(6))
            {
                case 0: s.Append((char)random.Next(0x20, 0x7F)); break;
                case 1: s.Append((char)random.Next(0, 0x20)); break;
                case 2: s.Append((char)random.Next(0x80, 0x800)); break;
                case 3: s.Append((char)random.Next(0x800, 0xD800)); break;
                case 4: s.Append((char)random.Next(0xE000, 0x10000)); break;
                default: s.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break;
            }
        }

        return s.ToString();
    }
}
