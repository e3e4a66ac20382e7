using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DailyPapers.Feed;

public enum PeriodKind
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A span of feed days: one day (<c>2024-07-29</c>), an ISO-8601 week (<c>2024-W31</c>, Monday to
/// Sunday) or a calendar month (<c>2024-07</c>). <see cref="End"/> is exclusive.
/// </summary>
public readonly record struct FeedPeriod(PeriodKind Kind, DateOnly Start, DateOnly End)
{
    public static FeedPeriod ForDay(DateOnly day) => new(PeriodKind.Day, day, day.AddDays(1));

    public static FeedPeriod ForWeekContaining(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new(PeriodKind.Week, monday, monday.AddDays(7));
    }

    public static FeedPeriod ForMonthContaining(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new(PeriodKind.Month, first, first.AddMonths(1));
    }

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="day"/>.</summary>
    public static FeedPeriod Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => ForDay(day),
        PeriodKind.Week => ForWeekContaining(day),
        _ => ForMonthContaining(day),
    };

    /// <summary>Parses <c>yyyy-MM-dd</c>; the error says what was expected.</summary>
    public static bool TryParseDay(string? text, out FeedPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        // The last representable day has no exclusive end, so it is out of range like any malformed date.
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day < DateOnly.MaxValue)
        {
            period = ForDay(day);
            error = null;
            return true;
        }
        error = $"Invalid date '{text}': expected a calendar date as YYYY-MM-DD, for example 2024-07-29.";
        return false;
    }

    /// <summary>Parses an ISO week <c>yyyy-Www</c> (W01..W52/W53 as that year has).</summary>
    public static bool TryParseWeek(string? text, out FeedPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        error = $"Invalid week '{text}': expected an ISO week as YYYY-Www, for example 2024-W31.";
        if (text is not { Length: 8 } || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year < 1 || year > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        period = new(PeriodKind.Week, monday, monday.AddDays(7));
        error = null;
        return true;
    }

    /// <summary>Parses <c>yyyy-MM</c>.</summary>
    public static bool TryParseMonth(string? text, out FeedPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && text is { Length: 7 } && first.Year < DateOnly.MaxValue.Year)
        {
            period = ForMonthContaining(first);
            error = null;
            return true;
        }
        error = $"Invalid month '{text}': expected YYYY-MM, for example 2024-07.";
        return false;
    }

    /// <summary>The same kind of period just before this one.</summary>
    public FeedPeriod Previous() => Kind switch
    {
        PeriodKind.Day => ForDay(Start.AddDays(-1)),
        PeriodKind.Week => ForWeekContaining(Start.AddDays(-7)),
        _ => ForMonthContaining(Start.AddMonths(-1)),
    };

    /// <summary>The same kind of period just after this one.</summary>
    public FeedPeriod Next() => Kind switch
    {
        PeriodKind.Day => ForDay(End),
        PeriodKind.Week => ForWeekContaining(End),
        _ => ForMonthContaining(End),
    };

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>The URL form: <c>2024-07-29</c>, <c>2024-W31</c> or <c>2024-07</c>.</summary>
    public string Slug => Kind switch
    {
        PeriodKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Week => string.Create(CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):00}"),
        _ => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>Human label: "Jul 29, 2024", "Week 31, 2024 · Jul 29 – Aug 4", "July 2024".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Day => Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Week => string.Create(CultureInfo.InvariantCulture,
            $"Week {ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue))}, {ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue))} · {Start:MMM d} – {End.AddDays(-1):MMM d}"),
        _ => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>Site path of this period's page.</summary>
    public string PagePath => Kind switch
    {
        PeriodKind.Day => "/papers/date/" + Slug,
        PeriodKind.Week => "/papers/week/" + Slug,
        _ => "/papers/month/" + Slug,
    };
}
