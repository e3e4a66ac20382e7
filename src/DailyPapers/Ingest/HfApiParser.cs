using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// A Hugging Face <c>/api/daily_papers</c> response: a JSON array of daily entries, in every shape
/// the API has had since 2024. <c>paper.publishedAt</c> is the arXiv date; the feed day is the day
/// the caller asked for (<c>--date</c> or a date in the file name, as in
/// <c>daily_papers__date=2024-06-03.json</c>), else the date of <c>paper.submittedOnDailyAt</c>.
/// </summary>
public static partial class HfApiParser
{
    // [0-9], not \d, which matches every Unicode digit; the day itself is read by the one day parser.
    [GeneratedRegex(@"(?<![0-9])(?<day>[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DayInName();

    /// <summary>The feed day a file name states, such as <c>daily_papers__date=2024-06-03.json</c>.</summary>
    public static DateOnly? DayFromFileName(string fileName)
    {
        var match = DayInName().Match(Path.GetFileName(fileName));
        return match.Success && Days.TryParse(match.Groups["day"].Value, out var day) ? day : null;
    }

    /// <summary>
    /// The entries of a response file. A response that breaks off (cut off, or invalid JSON from some
    /// point on) yields the entries before the break, then throws <see cref="UnreadableInputException"/>.
    /// </summary>
    public static IEnumerable<ParsedItem> Parse(Stream input, string fileName, ImportOptions options)
    {
        var (items, broken) = Read(input, fileName, options);
        foreach (var item in items)
        {
            yield return item;
        }
        if (broken is { } at)
        {
            throw new UnreadableInputException(at.Location, at.Error!);
        }
    }

    /// <summary>The entries of a harvested page; a break is its last item, since the page is read again from the source.</summary>
    public static List<ParsedItem> ReadResponse(Stream input, string label, ImportOptions options)
    {
        var (items, broken) = Read(input, label, options);
        if (broken is { } at)
        {
            items.Add(at);
        }
        return items;
    }

    private static (List<ParsedItem> Items, ParsedItem? Break) Read(Stream input, string fileName, ImportOptions options)
    {
        // One response is one page of at most a few hundred entries: read it whole.
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var day = options.Day ?? DayFromFileName(fileName);
        var (items, broken) = ReadEntries(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), fileName, day);
        return ([.. items.Select(item => RecordDates.Admit(item, options.Window))], broken);
    }

    private static (List<ParsedItem> Items, ParsedItem? Break) ReadEntries(ReadOnlySpan<byte> json, string fileName, DateOnly? day)
    {
        var items = new List<ParsedItem>();
        var locations = new RecordLocations(fileName);
        var lines = new LineCounter();
        // Not the final block: the reader then says "no more data" (Read and TrySkip return false)
        // instead of throwing, which tells a cut-off file from invalid JSON.
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        var entries = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                items.Add(ParsedItem.Bad(locations.Line(lines.At(json, (int)reader.TokenStartIndex).Line), "expected a JSON array of daily entries"));
                return (items, null);
            }
            while (true)
            {
                if (!reader.Read())
                {
                    var end = lines.At(json, json.Length).Line;
                    return (items, ParsedItem.Bad(locations.Line(end), entries == 0
                        ? "the file ends before its first entry: it is cut off"
                        : string.Create(CultureInfo.InvariantCulture, $"the file ends after entry {entries}, before the array is closed: it is cut off")));
                }
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return (items, null);
                }
                entries++;
                var start = (int)reader.TokenStartIndex;
                var origin = lines.At(json, start);
                var location = locations.Start(origin.Line, origin.Column);
                // Skipping checks the syntax; the entry is then read on its own, so a wrong value
                // type (a string for upvotes, say) costs only that entry.
                if (!reader.TrySkip())
                {
                    return (items, ParsedItem.Bad(location, string.Create(CultureInfo.InvariantCulture, $"the file ends inside entry {entries}: it is cut off")));
                }
                items.Add(ReadEntry(json[start..(int)reader.BytesConsumed], location, origin, day));
            }
        }
        catch (JsonException exception)
        {
            // A broken array cannot be resynchronized: report where it broke; entries before it stand.
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var position = string.Create(CultureInfo.InvariantCulture, $"line {line}, column {exception.BytePositionInLine + 1}");
            return (items, ParsedItem.Bad(locations.Line(line), JsonLines.DescribeAt(exception, position) + "; nothing after it can be read"));
        }
    }

    private static ParsedItem ReadEntry(ReadOnlySpan<byte> json, string location, (int Line, int Column) origin, DateOnly? day)
    {
        try
        {
            return ToItem(JsonSerializer.Deserialize(json, IngestJson.Default.HfEntry), location, day);
        }
        catch (JsonException exception)
        {
            return ParsedItem.Bad(location, DescribeInFile(exception, json, origin));
        }
    }

    /// <summary>What went wrong in an entry, with line and column in the file rather than in the entry.</summary>
    private static string DescribeInFile(JsonException exception, ReadOnlySpan<byte> entry, (int Line, int Column) origin)
    {
        var invalid = JsonLines.FirstInvalidUtf8(entry);
        if (invalid >= 0)
        {
            var (line, column) = new LineCounter().At(entry, invalid);
            (line, column) = (origin.Line + line - 1, line == 1 ? origin.Column + column - 1 : column);
            return string.Create(CultureInfo.InvariantCulture,
                $"invalid UTF-8 at line {line}, byte {column} of the line (0x{entry[invalid]:X2}{JsonLines.InField(exception)})");
        }
        if (exception.LineNumber is not { } within || exception.BytePositionInLine is not { } byteInLine)
        {
            return JsonLines.DescribeAt(exception, null);
        }
        var at = within == 0 ? (origin.Line, origin.Column + (int)byteInLine) : (origin.Line + (int)within, (int)byteInLine + 1);
        return JsonLines.DescribeAt(exception, string.Create(CultureInfo.InvariantCulture, $"line {at.Item1}, column {at.Item2}"));
    }

    /// <summary>1-based line and byte column of offsets in a buffer, read forward once.</summary>
    private struct LineCounter
    {
        private int _position;
        private int _line;
        private int _lineStart;

        public (int Line, int Column) At(ReadOnlySpan<byte> json, int offset)
        {
            if (_line == 0)
            {
                _line = 1;
            }
            var passed = json[_position..offset];
            var newlines = passed.Count((byte)'\n');
            if (newlines > 0)
            {
                _line += newlines;
                _lineStart = _position + passed.LastIndexOf((byte)'\n') + 1;
            }
            _position = offset;
            return (_line, offset - _lineStart + 1);
        }
    }

    private static ParsedItem ToItem(HfEntry? entry, string location, DateOnly? day)
    {
        if (entry?.Paper is not { } paper)
        {
            return ParsedItem.Bad(location, "missing paper");
        }
        if (!RecordChecks.TryId(paper.Id, out var id, out var version, out var idError))
        {
            return ParsedItem.Bad(location, idError);
        }
        if (SafeText.Clean(paper.Title ?? entry.Title) is not { } title)
        {
            return ParsedItem.Bad(location, "missing title");
        }
        if (!RecordDates.TryParseTime(paper.PublishedAt, out var publishedAt))
        {
            return ParsedItem.Bad(location, RecordChecks.Invalid("paper.publishedAt", paper.PublishedAt));
        }
        if (!RecordDates.TryParseTime(paper.SubmittedOnDailyAt, out var submittedAt))
        {
            return ParsedItem.Bad(location, RecordChecks.Invalid("paper.submittedOnDailyAt", paper.SubmittedOnDailyAt));
        }
        var summary = SafeText.Clean(paper.Summary ?? entry.Summary);
        var (foundCode, foundProject) = ProjectLinks.Find(summary);
        var keywords = RecordText.Names(paper.AiKeywords);
        return ParsedItem.Ok(new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = title,
            Authors = RecordText.Names(paper.Authors?.Select(author => author?.Name)),
            Abstract = summary,
            PublishedAt = publishedAt,
            CodeUrl = SafeText.Clean(paper.GithubRepo) ?? foundCode,
            ProjectUrl = SafeText.Clean(paper.ProjectPage) ?? foundProject,
            GithubStars = paper.GithubStars,
            AiSummary = SafeText.Clean(paper.AiSummary),
            AiKeywords = keywords,
            Upvotes = paper.Upvotes,
            NumComments = entry.NumComments,
            FeaturedOn = day ?? (submittedAt is { } at ? DateOnly.FromDateTime(at) : null),
            SubmittedOnDailyAt = submittedAt,
            SubmittedBy = SafeText.Clean(paper.SubmittedOnDailyBy?.User ?? paper.SubmittedOnDailyBy?.Name ?? entry.SubmittedBy?.Name),
        }, location);
    }
}
