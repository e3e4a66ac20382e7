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

    /// <summary>A short reason for a record that is not valid JSON or has a value of the wrong type.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
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
        var at = exception.Path is { Length: > 1 } path ? " at " + path : "";
        var position = exception.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $" (column {column + 1})")
            : "";
        return "invalid JSON" + at + position + ": " + message.TrimEnd('.');
    }
}
