using System.Globalization;
using System.Text;
using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// Dates as every parser reads them (days through <see cref="Days.TryParse"/>, times ISO 8601), and
/// the admission of a parsed record into the catalog's <see cref="DayWindow"/>.
/// </summary>
public static class RecordDates
{
    /// <summary>
    /// A UTC time from <c>YYYY-MM-DD</c> (midnight UTC) or an ISO 8601 timestamp; null when absent.
    /// Returns false when the text is present but not a date. Never throws; printable ASCII only, since
    /// a date written with other digits or control characters is not one any source sends.
    /// </summary>
    public static bool TryParseTime(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        // The framework's parse skips a trailing NUL and other oddities; no source sends those in a date.
        if (!Ascii.IsValid(text) || text.AsSpan().ContainsAnyInRange('\0', '\u001f') || text.Contains('\u007f', StringComparison.Ordinal))
        {
            return false;
        }
        if (Days.TryParse(text, out var day))
        {
            value = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            value = time.UtcDateTime;
            return true;
        }
        return false;
    }

    /// <summary>A <c>YYYY-MM-DD</c> day; null when absent, false when present but invalid.</summary>
    public static bool TryParseDay(string? text, out DateOnly? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (Days.TryParse(text, out var day))
        {
            value = day;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The item as it was, or, for a record with a feed day or arXiv time outside
    /// <paramref name="window"/>, an error item saying which date and why: a year-9999 feed day would
    /// otherwise sit at the top of every feed, and a nonsense arXiv date sorts a paper before all others.
    /// </summary>
    public static ParsedItem Admit(ParsedItem item, DayWindow window)
    {
        if (item.Record is not { } record)
        {
            return item;
        }
        var problem = window.Check("feed day", record.FeaturedOn)
            ?? window.Check("submitted-on-daily time", record.SubmittedOnDailyAt)
            ?? window.Check("published time", record.PublishedAt)
            ?? window.Check("updated time", record.UpdatedAt);
        return problem is null ? item : ParsedItem.Bad(item.Location, $"{record.ArxivId}: {problem}");
    }
}
