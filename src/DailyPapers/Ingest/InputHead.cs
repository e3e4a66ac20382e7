using System.Text;
using System.Text.Json;

namespace DailyPapers.Ingest;

/// <summary>
/// What the first bytes of an input say about its format: the first non-space character, the keys
/// of a leading JSON object (JSON lines), and the root element of an XML document.
/// </summary>
public sealed record InputHead(char FirstChar, IReadOnlySet<string> FirstObjectKeys, string? XmlRoot)
{
    /// <summary>How much of an input the detector reads; enough for one long JSON line or an XML prolog.</summary>
    public const int Size = 64 * 1024;

    private static readonly System.Buffers.SearchValues<byte> NameEnd = System.Buffers.SearchValues.Create(" \t\r\n/>"u8);

    public bool HasKey(string key) => FirstObjectKeys.Contains(key);

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
