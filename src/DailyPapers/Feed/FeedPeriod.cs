using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DailyPapers.Papers;

namespace DailyPapers.Feed;

public enum PeriodKind
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A span of feed days: one day (<c>2024-07-29</c>), an ISO-8601 week (<c>2024-W31</c>, Monday to
/// Sunday) or a calendar month (<c>2024-07</c>). <see cref="Last"/> is inclusive.
/// </summary>
/// <remarks>
/// Total over every representable day: an exclusive end would not exist for 9999-12-31, and a day
/// like that already in a catalog (stored before imports checked days) once made every page that
/// linked to it fail. The week holding 9999-12-31 ends there, as the calendar does; a period at either
/// end of the calendar has no neighbour on that side (<see cref="Previous"/>, <see cref="Next"/>).
/// </remarks>
public readonly record struct FeedPeriod(PeriodKind Kind, DateOnly Start, DateOnly Last)
{
    public static FeedPeriod ForDay(DateOnly day) => new(PeriodKind.Day, day, day);

    public static FeedPeriod ForWeekContaining(DateOnly day)
    {
        // 0001-01-01 is a Monday, so a week's Monday always exists; its Sunday may not (10000-01-02).
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new(PeriodKind.Week, monday, DaysAfter(monday, 6) ?? DateOnly.MaxValue);
    }

    public static FeedPeriod ForMonthContaining(DateOnly day) =>
        new(PeriodKind.Month, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)));

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="day"/>.</summary>
    public static FeedPeriod Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => ForDay(day),
        PeriodKind.Week => ForWeekContaining(day),
        _ => ForMonthContaining(day),
    };

    /// <summary>Parses <c>yyyy-MM-dd</c> (<see cref="Days.TryParse"/>); the error says what was expected.</summary>
    public static bool TryParseDay(string? text, out FeedPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        if (Days.TryParse(text, out var day))
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
            || year < 1 || year > 9999 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        period = ForWeekContaining(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
        error = null;
        return true;
    }

    /// <summary>Parses <c>yyyy-MM</c>.</summary>
    public static bool TryParseMonth(string? text, out FeedPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        if (text is { Length: 7 } && Days.TryParse(text + "-01", out var first))
        {
            period = ForMonthContaining(first);
            error = null;
            return true;
        }
        error = $"Invalid month '{text}': expected YYYY-MM, for example 2024-07.";
        return false;
    }

    /// <summary>The same kind of period just before this one; null at the start of the calendar.</summary>
    public FeedPeriod? Previous() => Start > DateOnly.MinValue ? Containing(Kind, Start.AddDays(-1)) : null;

    /// <summary>The same kind of period just after this one; null at the end of the calendar.</summary>
    public FeedPeriod? Next() => Last < DateOnly.MaxValue ? Containing(Kind, Last.AddDays(1)) : null;

    public bool Contains(DateOnly day) => day >= Start && day <= Last;

    /// <summary><paramref name="day"/> plus <paramref name="days"/>, or null past the last representable day.</summary>
    private static DateOnly? DaysAfter(DateOnly day, int days) =>
        DateOnly.MaxValue.DayNumber - day.DayNumber >= days ? day.AddDays(days) : null;

    /// <summary>The URL form: <c>2024-07-29</c>, <c>2024-W31</c> or <c>2024-07</c>.</summary>
    public string Slug => Kind switch
    {
        PeriodKind.Day => Days.ToText(Start),
        PeriodKind.Week => string.Create(CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):0000}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):00}"),
        _ => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>Human label: "Jul 29, 2024", "Week 31, 2024 · Jul 29 – Aug 4", "July 2024".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Day => Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Week => string.Create(CultureInfo.InvariantCulture,
            $"Week {ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue))}, {ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue))} · {Start:MMM d} – {Last:MMM d}"),
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
