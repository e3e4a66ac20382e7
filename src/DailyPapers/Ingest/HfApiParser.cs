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

    public static IEnumerable<ParsedItem> Parse(Stream input, string fileName, ImportOptions options)
    {
        // One response is one page of at most a few hundred entries: read it whole.
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var day = options.Day ?? DayFromFileName(fileName);
        return [.. ReadEntries(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), fileName, day).Select(item => RecordDates.Admit(item, options.Window))];
    }

    private static List<ParsedItem> ReadEntries(ReadOnlySpan<byte> json, string fileName, DateOnly? day)
    {
        var items = new List<ParsedItem>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var index = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                items.Add(ParsedItem.Bad(fileName + "#1", "expected a JSON array of daily entries"));
                return items;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                index++;
                var location = fileName + "#" + index.ToString(CultureInfo.InvariantCulture);
                // Skip checks the syntax; the entry is then read on its own, so a wrong value type
                // (a string for upvotes, say) costs only that entry.
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                items.Add(ReadEntry(json[start..(int)reader.BytesConsumed], location, day));
            }
        }
        catch (JsonException exception)
        {
            // A broken array cannot be resynchronized: report where it broke; entries before it stand.
            items.Add(ParsedItem.Bad(fileName + "#" + Math.Max(index, 1).ToString(CultureInfo.InvariantCulture), JsonLines.Describe(exception)));
        }
        return items;
    }

    private static ParsedItem ReadEntry(ReadOnlySpan<byte> json, string location, DateOnly? day)
    {
        try
        {
            return ToItem(JsonSerializer.Deserialize(json, IngestJson.Default.HfEntry), location, day);
        }
        catch (JsonException exception)
        {
            return ParsedItem.Bad(location, JsonLines.Describe(exception));
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
        if (RecordText.Clean(paper.Title ?? entry.Title) is not { } title)
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
        var summary = RecordText.Clean(paper.Summary ?? entry.Summary);
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
            CodeUrl = RecordText.Clean(paper.GithubRepo) ?? foundCode,
            ProjectUrl = RecordText.Clean(paper.ProjectPage) ?? foundProject,
            GithubStars = paper.GithubStars,
            AiSummary = RecordText.Clean(paper.AiSummary),
            AiKeywords = keywords,
            Upvotes = paper.Upvotes,
            NumComments = entry.NumComments,
            FeaturedOn = day ?? (submittedAt is { } at ? DateOnly.FromDateTime(at) : null),
            SubmittedOnDailyAt = submittedAt,
            SubmittedBy = RecordText.Clean(paper.SubmittedOnDailyBy?.User ?? paper.SubmittedOnDailyBy?.Name ?? entry.SubmittedBy?.Name),
        }, location);
    }
}
