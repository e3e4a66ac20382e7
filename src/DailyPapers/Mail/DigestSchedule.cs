using System.Globalization;
using DailyPapers.Feed;

namespace DailyPapers.Mail;

/// <summary>
/// One digest of one subscription: the feed days it covers, the key that names it in the outbox
/// (<c>2026-12-04</c> for a day, <c>2026-W49</c> for an ISO week, <c>2026-12</c> for a month) and the
/// instant it falls due: the subscriber's send hour, in their time zone, on the day after the span.
/// </summary>
public readonly record struct DigestPeriod(DigestFrequency Frequency, FeedPeriod Days, DateOnly SendDay, DateTimeOffset DueAt)
{
    public string Key => Frequency switch
    {
        DigestFrequency.Weekly => FeedPeriod.ForWeekContaining(Days.Start).Slug,
        DigestFrequency.Monthly => FeedPeriod.ForMonthContaining(Days.Start).Slug,
        // A Monday's weekdays digest spans Friday to Sunday and is named by its first day.
        _ => FeedPeriod.ForDay(Days.Start).Slug,
    };

    /// <summary>For subjects: "Dec 3", "Dec 4 – Dec 6", "week of Nov 30", "November 2026".</summary>
    public string Label => Frequency switch
    {
        DigestFrequency.Weekly => "week of " + Days.Start.ToString("MMM d", CultureInfo.InvariantCulture),
        DigestFrequency.Monthly => Days.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ when Days.Start != Days.Last => string.Create(CultureInfo.InvariantCulture, $"{Days.Start:MMM d} – {Days.Last:MMM d}"),
        _ => Days.Start.ToString("MMM d", CultureInfo.InvariantCulture),
    };

    /// <summary>For a paper's reason: "#3 trending this week".</summary>
    public string Span => Frequency switch
    {
        DigestFrequency.Weekly => "this week",
        DigestFrequency.Monthly => "in " + Days.Start.ToString("MMMM", CultureInfo.InvariantCulture),
        _ => "on " + Label,
    };
}

/// <summary>
/// When digests fall due. A digest goes out on a send day at the subscriber's hour in their zone
/// and covers the feed days since the previous send day: daily, yesterday; weekdays (Monday to
/// Friday in the subscriber's zone), yesterday, or Friday to Sunday on a Monday; weekly (Mondays),
/// the last ISO week; monthly (the 1st), the last month. Feed days are the site's calendar days,
/// matched to the subscriber's local dates by their number.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The subscriber's zone; an id this machine does not know is UTC, and <paramref name="note"/> says so.</summary>
    public static TimeZoneInfo Zone(string? id, out string? note)
    {
        note = null;
        if (!string.IsNullOrWhiteSpace(id))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // Falls through to UTC below.
            }
        }
        note = $"The time zone '{id}' is not known here, so UTC is used.";
        return TimeZoneInfo.Utc;
    }

    public static bool IsKnownZone(string id)
    {
        Zone(id, out var note);
        return note is null;
    }

    /// <summary>The latest digest whose due time has come by <paramref name="now"/>.</summary>
    public static DigestPeriod LatestDue(DigestFrequency frequency, int sendHour, TimeZoneInfo zone, DateTimeOffset now)
    {
        var sendDay = SendDayOnOrBefore(frequency, LocalDay(zone, now));
        var period = For(frequency, sendDay, sendHour, zone);
        return period.DueAt <= now ? period : For(frequency, PreviousSendDay(frequency, sendDay), sendHour, zone);
    }

    /// <summary>The first digest that falls due after <paramref name="now"/> (what a preview shows).</summary>
    public static DigestPeriod Next(DigestFrequency frequency, int sendHour, TimeZoneInfo zone, DateTimeOffset now)
    {
        var latest = LatestDue(frequency, sendHour, zone, now);
        return For(frequency, NextSendDay(frequency, latest.SendDay), sendHour, zone);
    }

    /// <summary>The last instant of <paramref name="day"/> in <paramref name="zone"/> ("what is due at DAY's end").</summary>
    public static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone) =>
        LocalToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).AddTicks(-1);

    public static DigestPeriod For(DigestFrequency frequency, DateOnly sendDay, int sendHour, TimeZoneInfo zone)
    {
        var previous = PreviousSendDay(frequency, sendDay);
        var days = frequency switch
        {
            DigestFrequency.Weekly => FeedPeriod.ForWeekContaining(sendDay.AddDays(-1)),
            DigestFrequency.Monthly => FeedPeriod.ForMonthContaining(sendDay.AddDays(-1)),
            _ => new FeedPeriod(PeriodKind.Day, frequency == DigestFrequency.Weekdays ? previous : sendDay.AddDays(-1), sendDay.AddDays(-1)),
        };
        var due = LocalToUtc(sendDay.ToDateTime(new TimeOnly(Math.Clamp(sendHour, 0, 23), 0)), zone);
        return new DigestPeriod(frequency, days, sendDay, due);
    }

    private static DateOnly LocalDay(TimeZoneInfo zone, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly SendDayOnOrBefore(DigestFrequency frequency, DateOnly day) => frequency switch
    {
        DigestFrequency.Weekdays => day.DayOfWeek switch
        {
            DayOfWeek.Saturday => day.AddDays(-1),
            DayOfWeek.Sunday => day.AddDays(-2),
            _ => day,
        },
        DigestFrequency.Weekly => FeedPeriod.ForWeekContaining(day).Start,
        DigestFrequency.Monthly => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    private static DateOnly PreviousSendDay(DigestFrequency frequency, DateOnly sendDay) => frequency switch
    {
        DigestFrequency.Weekdays => SendDayOnOrBefore(frequency, sendDay.AddDays(-1)),
        DigestFrequency.Weekly => sendDay.AddDays(-7),
        DigestFrequency.Monthly => sendDay.AddMonths(-1),
        _ => sendDay.AddDays(-1),
    };

    private static DateOnly NextSendDay(DigestFrequency frequency, DateOnly sendDay)
    {
        switch (frequency)
        {
            case DigestFrequency.Weekdays:
                var next = sendDay.AddDays(1);
                while (!IsWeekday(next))
                {
                    next = next.AddDays(1);
                }
                return next;
            case DigestFrequency.Weekly:
                return sendDay.AddDays(7);
            case DigestFrequency.Monthly:
                return sendDay.AddMonths(1);
            default:
                return sendDay.AddDays(1);
        }
    }

    /// <summary>
    /// A local wall-clock time as an instant. A time skipped by a DST change (02:30 on a spring-forward
    /// night) moves on by the gap, as a wall clock does; a time that happens twice (autumn) is its first
    /// occurrence, so the digest does not wait an extra hour.
    /// </summary>
    public static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset before the gap: 02:30 at -08:00 is 10:30Z, which is 03:30 at -07:00.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var earlier = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local - earlier, TimeSpan.Zero);
        }
        return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }
}
