using System.Globalization;
using System.Text.Json;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// The Kaggle "Cornell-University/arxiv" metadata snapshot: JSON lines with the raw arXiv layout
/// (wrapped titles and abstracts), space-separated categories and a version history whose first
/// entry dates v1 (<see cref="PaperRecord.PublishedAt"/>) and last entry the latest version.
/// </summary>
public static class KaggleParser
{
    public static bool Recognizes(InputHead head) =>
        head.HasKey("id") && (head.HasKey("versions") || head.HasKey("authors_parsed") || head.HasKey("update_date"));

    private static readonly string[] VersionDateFormats = ["ddd, d MMM yyyy HH:mm:ss 'GMT'", "ddd, dd MMM yyyy HH:mm:ss 'GMT'"];

    public static IEnumerable<ParsedItem> Parse(Stream input, string fileName, ImportOptions options)
    {
        foreach (var line in JsonLines.Read(input))
        {
            yield return RecordDates.Admit(ParseLine(line.Bytes.Span, fileName + ":" + line.Number.ToString(CultureInfo.InvariantCulture)), options.Window);
        }
    }

    private static ParsedItem ParseLine(ReadOnlySpan<byte> json, string location)
    {
        KaggleLine? raw;
        try
        {
            raw = JsonSerializer.Deserialize(json, IngestJson.Default.KaggleLine);
        }
        catch (JsonException exception)
        {
            return ParsedItem.Bad(location, JsonLines.Describe(exception, json));
        }
        if (raw is null)
        {
            return ParsedItem.Bad(location, "not a JSON object");
        }
        if (!RecordChecks.TryId(raw.Id, out var id, out var idVersion, out var idError))
        {
            return ParsedItem.Bad(location, idError);
        }
        if (SafeText.Clean(raw.Title) is not { } title)
        {
            return ParsedItem.Bad(location, "missing title");
        }
        if (ReadVersions(raw.Versions) is not { } versions)
        {
            return ParsedItem.Bad(location, "invalid versions: each needs \"vN\" and a date such as \"Mon, 2 Apr 2007 19:18:42 GMT\"");
        }
        var summary = SafeText.Clean(raw.Abstract);
        var comments = SafeText.Clean(raw.Comments);
        var (codeUrl, projectUrl) = ProjectLinks.Find(summary, comments);
        return ParsedItem.Ok(new PaperRecord
        {
            ArxivId = id,
            Version = versions.Count > 0 ? versions.Max(v => v.Number) : idVersion,
            Title = title,
            Authors = Authors(raw),
            Abstract = summary,
            Categories = RecordText.Categories(raw.Categories?.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            PublishedAt = versions.Count > 0 ? versions.MinBy(v => v.Number).Created : null,
            UpdatedAt = versions.Count > 0 ? versions.MaxBy(v => v.Number).Created : null,
            Comments = comments,
            JournalRef = SafeText.Clean(raw.JournalRef),
            Doi = SafeText.Clean(raw.Doi),
            CodeUrl = codeUrl,
            ProjectUrl = projectUrl,
        }, location);
    }

    private static List<(int Number, DateTime Created)>? ReadVersions(List<KaggleVersion?>? raw)
    {
        var versions = new List<(int, DateTime)>();
        foreach (var version in raw ?? [])
        {
            if (version is null || !Papers.ArxivId.TryParseVersion(version.Version, out var number)
                || !DateTime.TryParseExact(version.Created, VersionDateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created))
            {
                return null;
            }
            versions.Add((number, created));
        }
        return versions;
    }

    /// <summary>
    /// <c>authors_parsed</c> (<c>[last, first, suffix]</c>) has TeX accents already decoded, so it is
    /// preferred over the raw <c>authors</c> string, which is only split when the parsed list is absent.
    /// </summary>
    private static IReadOnlyList<string>? Authors(KaggleLine raw)
    {
        if (raw.AuthorsParsed is { Count: > 0 } parsed)
        {
            return RecordText.Names(parsed.Select(parts => parts is [var last, var first, .. var rest]
                // The snapshot spells hyphenated initials "C. -P."; arXiv prints "C.-P.".
                ? string.Join(' ', new[] { first?.Replace(". -", ".-", StringComparison.Ordinal), last }.Concat(rest).Where(p => !string.IsNullOrWhiteSpace(p)))
                : parts is [var only] ? only : null));
        }
        return RecordText.Names(raw.Authors?
            .Replace(" and ", ", ", StringComparison.Ordinal)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
