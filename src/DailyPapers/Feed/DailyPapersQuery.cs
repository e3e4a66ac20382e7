using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using DailyPapers.Api;

namespace DailyPapers.Feed;

/// <summary>The validated query of <c>/api/daily_papers</c>. A null period means "the latest day with papers".</summary>
public sealed record DailyPapersQuery(FeedPeriod? Period, FeedSort Sort, int Page, int Limit, string? Submitter)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static bool TryParse(
        string? date, string? week, string? month, string? submitter, string? sort, string? p, string? limit,
        [NotNullWhen(true)] out DailyPapersQuery? query, [NotNullWhen(false)] out ParameterError? error)
    {
        query = null;
        if (!TryParsePeriod(date, week, month, out var period, out error)
            || !FeedSorts.TryParse(sort, out var order, out error)
            || !Paging.TryParsePage(p, out var page, out error)
            || !Paging.TryParseLimit(limit, DefaultLimit, MaxLimit, out var size, out error)
            || !TryParseSubmitter(submitter, out var name, out error))
        {
            return false;
        }
        query = new(period, order, page, size, name);
        return true;
    }

    /// <summary>
    /// A user name is text: a control character or half of a surrogate pair cannot be in one, and
    /// PostgreSQL refuses to compare a NUL at all (which made <c>?submitter=%00</c> a 500).
    /// </summary>
    private static bool TryParseSubmitter(string? text, out string? name, [NotNullWhen(false)] out ParameterError? error)
    {
        name = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        error = null;
        if (name is null)
        {
            return true;
        }
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsControl(name[i]) || Rune.DecodeFromUtf16(name.AsSpan(i), out _, out var width) != OperationStatus.Done)
            {
                error = new("submitter", "A user name cannot contain control characters or broken Unicode (a lone surrogate).");
                return false;
            }
            i += width - 1;
        }
        return true;
    }

    private static bool TryParsePeriod(string? date, string? week, string? month, out FeedPeriod? period, [NotNullWhen(false)] out ParameterError? error)
    {
        period = null;
        error = null;
        string[] given = [.. new[] { ("date", date), ("week", week), ("month", month) }
            .Where(pair => !string.IsNullOrEmpty(pair.Item2)).Select(pair => pair.Item1)];
        if (given.Length > 1)
        {
            error = new(string.Join(",", given), $"Give at most one of date, week and month (got {string.Join(" and ", given)}).");
            return false;
        }
        string? message = null;
        var parsed = given.FirstOrDefault() switch
        {
            "date" => FeedPeriod.TryParseDay(date, out var day, out message) ? day : (FeedPeriod?)null,
            "week" => FeedPeriod.TryParseWeek(week, out var days, out message) ? days : null,
            "month" => FeedPeriod.TryParseMonth(month, out var span, out message) ? span : null,
            _ => null,
        };
        if (message is not null)
        {
            error = new(given[0], message);
            return false;
        }
        period = parsed;
        return true;
    }
}
