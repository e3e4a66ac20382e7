using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DailyPapers.Ingest;

/// <summary>How arXiv's metadata text is cleaned up, the same way for every arXiv source.</summary>
internal static partial class ArxivText
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // arXiv category names: astro-ph, hep-th, cs.LG, cond-mat.str-el, q-bio.NC. ACM (I.2.7) and
    // MSC (68T05) classes share the category element in the API and are not categories here.
    [GeneratedRegex(@"^[a-z][a-z\-]*(\.[A-Za-z][A-Za-z\-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryName();

    private static readonly string[] RfcDateFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss 'GMT'", "d MMM yyyy HH:mm:ss 'GMT'", "ddd, d MMM yyyy HH:mm:ss zzz",
    ];

    /// <summary>One line: runs of whitespace (line wraps included) become a single space.</summary>
    public static string? Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Whitespace().Replace(text.Trim(), " ");
    }

    /// <summary>
    /// arXiv abstracts come wrapped at about 80 columns, with a new paragraph marked by a line that
    /// starts indented. Wrapped lines are joined; paragraphs are kept, separated by a newline.
    /// </summary>
    public static string? Abstract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var line in text.Trim('\n', '\r').Split('\n'))
        {
            var startsParagraph = line.Length > 0 && char.IsWhiteSpace(line[0]) && current.Length > 0;
            if (startsParagraph)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }
            var words = Collapse(line);
            if (words is not null)
            {
                current.Append(current.Length > 0 ? " " : "").Append(words);
            }
        }
        if (current.Length > 0)
        {
            paragraphs.Add(current.ToString());
        }
        return paragraphs.Count == 0 ? null : string.Join('\n', paragraphs);
    }

    /// <summary>Space-separated categories as arXiv lists them (primary first), duplicates and non-arXiv classes dropped.</summary>
    public static IReadOnlyList<string>? Categories(IEnumerable<string?> terms)
    {
        var result = new List<string>();
        foreach (var term in terms)
        {
            foreach (var part in (term ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (CategoryName().IsMatch(part) && !result.Contains(part, StringComparer.Ordinal))
                {
                    result.Add(part);
                }
            }
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>An ISO 8601 timestamp (Atom) or a day (OAI-PMH <c>created</c>), as UTC.</summary>
    public static DateTime? IsoDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : null;
    }

    /// <summary>The RFC 1123 style dates of arXivRaw versions: <c>Tue, 3 Apr 2007 22:04:11 GMT</c>.</summary>
    public static DateTime? RfcDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = Collapse(text)!;
        if (DateTimeOffset.TryParseExact(trimmed, RfcDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact.UtcDateTime;
        }
        return IsoDate(trimmed);
    }
}
