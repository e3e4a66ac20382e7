using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DailyPapers.Tests.Fuzz;

/// <summary>The families of text the importers read; a mutation that knows the family keeps or breaks its structure on purpose.</summary>
public enum Syntax
{
    /// <summary>One JSON object per line.</summary>
    JsonLines,

    /// <summary>One JSON document (an array of records).</summary>
    Json,

    Xml,
    Unknown,
}

/// <summary>A value in an input that a structure-aware mutation can swap: a JSON string or number, an XML text node or attribute value.</summary>
public readonly record struct Slot(int Start, int End, bool IsNumber);

internal static partial class InputSyntax
{
    public static Syntax Of(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }
        content = content.TrimStart(" \t\r\n"u8);
        return content.IsEmpty ? Syntax.Unknown : content[0] switch
        {
            (byte)'{' => Syntax.JsonLines,
            (byte)'[' => Syntax.Json,
            (byte)'<' => Syntax.Xml,
            _ => Syntax.Unknown,
        };
    }

    /// <summary>The swappable values, in order, as far as the input can be read.</summary>
    public static List<Slot> Slots(byte[] content, Syntax syntax) => syntax switch
    {
        Syntax.Json or Syntax.JsonLines => JsonSlots(content),
        Syntax.Xml => XmlSlots(content),
        _ => [],
    };

    private static List<Slot> JsonSlots(byte[] content)
    {
        var slots = new List<Slot>();
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String when !reader.HasValueSequence:
                        slots.Add(new Slot(start, start + reader.ValueSpan.Length + 2, false));
                        break;
                    case JsonTokenType.Number when !reader.HasValueSequence:
                        slots.Add(new Slot(start, start + reader.ValueSpan.Length, true));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Broken further on (an earlier mutation): the values before the break are still slots.
        }
        return slots;
    }

    // Latin-1 maps each byte to one char, so match indexes are byte offsets.
    private static List<Slot> XmlSlots(byte[] content)
    {
        var text = Encoding.Latin1.GetString(content);
        var slots = new List<Slot>();
        foreach (Match match in XmlText().Matches(text))
        {
            var value = match.Groups["value"];
            slots.Add(new Slot(value.Index, value.Index + value.Length, false));
        }
        slots.Sort((a, b) => a.Start.CompareTo(b.Start));
        return slots;
    }

    // Namespace declarations are left alone: a changed namespace makes an element another
    // element, which the parsers rightly skip as unknown, not a damaged record.
    [GeneratedRegex(@">(?<value>[^<]*[^<\s][^<]*)<|\s(?!xmlns)[\w:.-]+=""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex XmlText();
}
