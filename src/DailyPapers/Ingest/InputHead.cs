using System.Text;
using System.Text.Json;

namespace DailyPapers.Ingest;

/// <summary>
/// What the first bytes of an input say about its format: the first non-space character, whether
/// it is one JSON array (a Hugging Face response) or JSON lines, the keys of the first line that is
/// a JSON object, and the root element of an XML document.
/// </summary>
public sealed record InputHead(char FirstChar, IReadOnlySet<string> FirstObjectKeys, string? XmlRoot, bool IsJsonArray = false)
{
    /// <summary>How much of an input the detector reads; enough for one long JSON line or an XML prolog.</summary>
    public const int Size = 64 * 1024;

    private static readonly System.Buffers.SearchValues<byte> NameEnd = System.Buffers.SearchValues.Create(" \t\r\n/>"u8);

    public bool HasKey(string key) => FirstObjectKeys.Contains(key);

    /// <summary>One JSON value per line: the first line is an object, or an array or junk that does not make the file one JSON array.</summary>
    public bool IsJsonLines => FirstChar == '{' || (FirstChar == '[' && !IsJsonArray);

    public static InputHead Read(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty)
        {
            return new InputHead('\0', new HashSet<string>(), null);
        }
        var first = (char)head[0];
        return first switch
        {
            '{' => new InputHead(first, TopLevelKeys(head), null),
            '[' when IsOneArrayOfObjects(head) => new InputHead(first, new HashSet<string>(), null, IsJsonArray: true),
            '[' => new InputHead(first, FirstObjectLine(head) is { } line ? TopLevelKeys(head[line..]) : new HashSet<string>(), null),
            '<' => new InputHead(first, new HashSet<string>(), XmlRootName(head)),
            _ => new InputHead(first, new HashSet<string>(), null),
        };
    }

    public static InputHead Read(Stream stream)
    {
        var buffer = new byte[Size];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Read(buffer.AsSpan(0, length));
    }

    /// <summary>
    /// Whether a head that starts with <c>[</c> is one JSON array of objects, as a Hugging Face
    /// response is (pretty-printed over many lines or minified on one), rather than JSON lines whose
    /// first line is an array or junk. It is JSON lines when another line follows the first and the
    /// first line holds a whole array, or an array whose first element is not an object, or when the
    /// JSON is invalid before the second line ends (a cut-off first line followed by records). A
    /// response damaged further on is still a response, so the parser keeps its entries before the damage.
    /// </summary>
    private static bool IsOneArrayOfObjects(ReadOnlySpan<byte> head)
    {
        var firstLineEnd = head.IndexOf((byte)'\n');
        var rest = firstLineEnd < 0 ? [] : head[(firstLineEnd + 1)..];
        var secondLineStart = rest.Length - rest.TrimStart(" \t\r\n"u8).Length;
        if (firstLineEnd < 0 || secondLineStart == rest.Length)
        {
            // One line, or a first line longer than the head: one document.
            return true;
        }
        var secondLineEnd = rest[secondLineStart..].IndexOf((byte)'\n') is >= 0 and var end ? firstLineEnd + 1 + secondLineStart + end : head.Length;
        var secondLineNumber = head[..(firstLineEnd + 1 + secondLineStart)].Count((byte)'\n');
        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            reader.Read();
            if (!reader.Read())
            {
                return true;
            }
            if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.EndArray))
            {
                return false;
            }
            do
            {
                if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    return reader.TokenStartIndex > firstLineEnd;
                }
            }
            while (reader.TokenStartIndex <= secondLineEnd && reader.Read());
            return true;
        }
        catch (JsonException exception)
        {
            return exception.LineNumber > secondLineNumber;
        }
    }

    /// <summary>Offset of the first line after the first that starts with <c>{</c>, if the head has one.</summary>
    private static int? FirstObjectLine(ReadOnlySpan<byte> head)
    {
        var offset = 0;
        while (head[offset..].IndexOf((byte)'\n') is >= 0 and var newline)
        {
            offset += newline + 1;
            var line = head[offset..];
            var indent = line.Length - line.TrimStart(" \t\r"u8).Length;
            if (indent < line.Length && line[indent] == (byte)'{')
            {
                return offset + indent;
            }
        }
        return null;
    }

    /// <summary>Property names of the first JSON object; reads as far as the bytes go, so a cut-off line still counts.</summary>
    private static HashSet<string> TopLevelKeys(ReadOnlySpan<byte> json)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, isFinalBlock: false, default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    keys.Add(reader.GetString()!);
                }
                else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the keys seen so far are all there is to know.
        }
        return keys;
    }

    /// <summary>Local name of the first element, skipping the declaration, comments and a DOCTYPE.</summary>
    private static string? XmlRootName(ReadOnlySpan<byte> xml)
    {
        while (true)
        {
            var open = xml.IndexOf((byte)'<');
            if (open < 0 || open + 1 >= xml.Length)
            {
                return null;
            }
            xml = xml[(open + 1)..];
            if (xml[0] is (byte)'?' or (byte)'!')
            {
                var close = xml.StartsWith("!--"u8) ? xml.IndexOf("-->"u8) : xml.IndexOf((byte)'>');
                if (close < 0)
                {
                    return null;
                }
                xml = xml[close..];
                continue;
            }
            var end = xml.IndexOfAny(NameEnd);
            var name = Encoding.UTF8.GetString(end < 0 ? xml : xml[..end]);
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? name : name[(colon + 1)..];
        }
    }
}
