using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace DailyPapers.Ingest;

/// <summary>Splits a stream into lines of bytes with their 1-based numbers, skipping blank lines.</summary>
public static class JsonLines
{
    public readonly record struct Line(int Number, ReadOnlyMemory<byte> Bytes);

    /// <summary>
    /// The yielded bytes are only valid until the next item is requested: the buffer is reused so that
    /// a large file streams through a fixed amount of memory.
    /// </summary>
    public static IEnumerable<Line> Read(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var start = 0;
            var end = 0;
            var number = 0;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    // Move the partial line to the front (growing for very long lines) and read more.
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    var read = stream.Read(buffer, end, buffer.Length - end);
                    eof = read == 0;
                    end += read;
                    continue;
                }
                var length = newline < 0 ? end - start : newline;
                if (length == 0 && eof && newline < 0)
                {
                    yield break;
                }
                number++;
                ReadOnlyMemory<byte> line = buffer.AsMemory(start, length);
                start += newline < 0 ? length : length + 1;
                if (number == 1 && line.Span.StartsWith("\uFEFF"u8))
                {
                    line = line[3..];
                }
                line = Trim(line);
                if (!line.IsEmpty)
                {
                    yield return new Line(number, line);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var trimmedStart = span.Length - span.TrimStart(" \t\r"u8).Length;
        var trimmedEnd = span.Length - span.TrimEnd(" \t\r"u8).Length;
        return trimmedStart == span.Length ? ReadOnlyMemory<byte>.Empty : line[trimmedStart..^trimmedEnd];
    }

    /// <summary>
    /// A short reason for a line that could not be read: invalid UTF-8 first, with the byte where it
    /// starts (the serializer only says a string could not be converted), then a line that is no
    /// object at all, else what the serializer says.
    /// </summary>
    public static string Describe(JsonException exception, ReadOnlySpan<byte> line)
    {
        var invalid = FirstInvalidUtf8(line);
        if (invalid >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"invalid UTF-8 at byte {invalid + 1} of the line (0x{line[invalid]:X2}{InField(exception)})");
        }
        // An array, a number or text: the serializer would call it "invalid JSON (column 2)".
        return !line.IsEmpty && line[0] != (byte)'{'
            ? "not a JSON object: each line holds one record, {\"id\": ...}, and this one starts with " + (line[0] is > 0x20 and < 0x7F ? $"'{(char)line[0]}'" : "something else")
            : Describe(exception);
    }

    /// <summary>A short reason for a record that is not valid JSON or has a value of the wrong type.</summary>
    public static string Describe(JsonException exception) =>
        DescribeAt(exception, exception.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $"column {column + 1}")
            : null);

    /// <param name="exception">What the reader or serializer threw.</param>
    /// <param name="position">Where, in words the caller can vouch for ("column 7", "line 12, column 7").</param>
    public static string DescribeAt(JsonException exception, string? position)
    {
        var message = exception.Message;
        // The serializer appends " Path: ... | LineNumber: ...", the reader " LineNumber: ..."; both are said below.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is > 0 and var path ? path : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }
        if (message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            // The serializer names .NET types; say what the field should hold instead.
            message = "expected " + (message.Contains("List`1", StringComparison.Ordinal) ? "a list"
                : message.Contains("System.String", StringComparison.Ordinal) ? "a string"
                : message.Contains("System.Int", StringComparison.Ordinal) ? "a whole number"
                : "an object");
        }
        var at = exception.Path is { Length: > 1 } field ? " at " + field : "";
        return "invalid JSON" + at + (position is null ? "" : " (" + position + ")") + ": " + message.TrimEnd('.');
    }

    /// <summary>
    /// " in $.field" when the serializer failed to turn that field's bytes into a string, the way
    /// invalid UTF-8 inside a string shows; invalid UTF-8 elsewhere is a syntax error with no field.
    /// </summary>
    internal static string InField(JsonException exception) =>
        exception.InnerException is InvalidOperationException && exception.Path is { Length: > 1 } path ? " in " + path : "";

    /// <summary>Index of the first byte that does not begin a valid UTF-8 sequence, or -1 when all are valid.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }
        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }
}
