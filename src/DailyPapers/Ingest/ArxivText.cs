using System.Globalization;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// The arXiv-specific readings of the XML sources (dates, space-separated category lists), on top of
/// the cleaning every parser shares (<see cref="RecordText"/>).
/// </summary>
internal static class ArxivText
{
    private static readonly string[] RfcDateFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss 'GMT'", "d MMM yyyy HH:mm:ss 'GMT'", "ddd, d MMM yyyy HH:mm:ss zzz",
    ];

    /// <summary>
    /// arXiv categories from category elements or space-separated lists (<c>hep-ph hep-ex</c>), primary
    /// first; ACM and MSC classes that share the element in the API are dropped.
    /// </summary>
    public static IReadOnlyList<string>? Categories(IEnumerable<string?> terms) =>
        RecordText.Categories(terms.SelectMany(term => (term ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>An ISO 8601 timestamp (Atom) or a day (OAI-PMH <c>created</c>), as UTC; null when absent or unreadable.</summary>
    public static DateTime? IsoDate(string? text) => RecordDates.TryParseTime(text?.Trim(), out var time) ? time : null;

    /// <summary>The RFC 1123 style dates of arXivRaw versions: <c>Tue, 3 Apr 2007 22:04:11 GMT</c>.</summary>
    public static DateTime? RfcDate(string? text)
    {
        var trimmed = SafeText.Clean(text);
        if (trimmed is null)
        {
            return null;
        }
        return DateTimeOffset.TryParseExact(trimmed, RfcDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact)
            ? exact.UtcDateTime
            : IsoDate(trimmed);
    }
}
