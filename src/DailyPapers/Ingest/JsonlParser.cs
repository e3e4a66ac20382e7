using System.Globalization;
using System.Text.Json;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// The DailyPapers JSON-lines format: one paper per line with <c>id</c>, <c>title</c>, <c>authors</c>,
/// <c>abstract</c>, <c>published</c>, <c>categories</c>, and for Hugging Face papers <c>hf_date</c>,
/// <c>upvotes</c>, <c>num_comments</c>. Empty strings and lists mean "unknown".
/// </summary>
public static class JsonlParser
{
    public static bool Recognizes(InputHead head) => head.HasKey("id") && head.HasKey("title");

    public static IEnumerable<ParsedItem> Parse(Stream input, string fileName, ImportOptions options)
    {
        foreach (var line in JsonLines.Read(input))
        {
            yield return RecordDates.Admit(ParseLine(line.Bytes.Span, fileName + ":" + line.Number.ToString(CultureInfo.InvariantCulture)), options.Window);
        }
    }

    private static ParsedItem ParseLine(ReadOnlySpan<byte> json, string location)
    {
        JsonlLine? raw;
        try
        {
            raw = JsonSerializer.Deserialize(json, IngestJson.Default.JsonlLine);
        }
        catch (JsonException exception)
        {
            return ParsedItem.Bad(location, JsonLines.Describe(exception, json));
        }
        if (raw is null)
        {
            return ParsedItem.Bad(location, "not a JSON object");
        }
        if (!RecordChecks.TryId(raw.Id, out var id, out var version, out var idError))
        {
            return ParsedItem.Bad(location, idError);
        }
        if (SafeText.Clean(raw.Title) is not { } title)
        {
            return ParsedItem.Bad(location, "missing title");
        }
        if (!RecordDates.TryParseTime(raw.Published, out var published))
        {
            return ParsedItem.Bad(location, RecordChecks.Invalid("published", raw.Published));
        }
        if (!RecordDates.TryParseDay(raw.HfDate, out var hfDate))
        {
            return ParsedItem.Bad(location, RecordChecks.Invalid("hf_date", raw.HfDate));
        }
        var summary = SafeText.Clean(raw.Abstract);
        var (codeUrl, projectUrl) = ProjectLinks.Find(summary);
        return ParsedItem.Ok(new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = title,
            Authors = RecordText.Names(raw.Authors),
            Abstract = summary,
            Categories = RecordText.Categories(raw.Categories),
            PublishedAt = published,
            CodeUrl = codeUrl,
            ProjectUrl = projectUrl,
            Upvotes = raw.Upvotes,
            NumComments = raw.NumComments,
            FeaturedOn = hfDate,
        }, location);
    }
}
