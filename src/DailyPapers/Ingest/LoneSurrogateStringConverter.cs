using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace DailyPapers.Ingest;

/// <summary>
/// Reads JSON strings like the built-in converter, except that an escaped lone surrogate
/// (<c>"\ud83d"</c> without its pair) is kept instead of failing the whole record. Such escapes are
/// valid JSON (RFC 8259 8.2 allows them) and are what JavaScript and Python write for a string cut
/// in the middle of an emoji, as an <c>ai_summary</c> or a title clipped by a source can be. Losing
/// a paper over half a character would be worse than the character: the text goes on to the one
/// door for text (<see cref="Papers.SafeText.Clean"/>, through <see cref="RecordDoor"/>), which drops
/// unpaired surrogates, and ids and dates go to their strict parsers, which refuse them. Invalid UTF-8 still fails: those bytes
/// are not text in any encoding the file claims, and the parsers report where they are.
/// </summary>
internal sealed class LoneSurrogateStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            if (!Utf8.IsValid(raw))
            {
                throw;
            }
            return Unescape(raw);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>JSON unescaping that appends each <c>\uXXXX</c> as the code unit it names, paired or not.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        // The reader has already checked the escapes: a backslash is followed by one of "\/bfnrtu,
        // and \u by four hex digits.
        var text = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            text.Append(Encoding.UTF8.GetString(backslash < 0 ? raw : raw[..backslash]));
            if (backslash < 0)
            {
                break;
            }
            var code = raw[backslash + 1];
            if (code == (byte)'u')
            {
                var unit = ushort.Parse(raw.Slice(backslash + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
                text.Append((char)unit);
                raw = raw[(backslash + 6)..];
                continue;
            }
            text.Append(code switch
            {
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                _ => (char)code,
            });
            raw = raw[(backslash + 2)..];
        }
        return text.ToString();
    }
}
