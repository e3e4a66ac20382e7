using DailyPapers.Feed;
using DailyPapers.Papers;

namespace DailyPapers.Tests.Feed;

public sealed class FeedPeriodTests
{
    [Theory]
    [InlineData("2024-W31", "2024-07-29", "2024-08-04")]
    [InlineData("2024-W01", "2024-01-01", "2024-01-07")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")] // 2020 has 53 ISO weeks
    [InlineData("2021-W01", "2021-01-04", "2021-01-10")] // Jan 1-3 2021 belong to 2020-W53
    [InlineData("2025-W01", "2024-12-30", "2025-01-05")] // ISO week 1 of 2025 starts in 2024
    public void WeeksAreIsoWeeksFromMondayToSunday(string text, string start, string last)
    {
        Assert.True(FeedPeriod.TryParseWeek(text, out var period, out _));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), period.Last);
        Assert.Equal(text, period.Slug);
    }

    [Theory]
    [InlineData("2024-W54")]
    [InlineData("2024-W00")]
    [InlineData("2021-W53")] // 2021 has only 52 ISO weeks
    [InlineData("2024W31")]
    [InlineData("2024-31")]
    [InlineData("")]
    public void MalformedWeeksAreRejectedWithAnExample(string text)
    {
        Assert.False(FeedPeriod.TryParseWeek(text, out _, out var error));
        Assert.Contains("YYYY-Www", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("24-07-29")]
    [InlineData("2024-7-29")]
    [InlineData("2024-07-29T00:00")]
    [InlineData("yesterday")]
    public void MalformedDaysAreRejected(string text)
    {
        Assert.False(FeedPeriod.TryParseDay(text, out _, out var error));
        Assert.Contains("YYYY-MM-DD", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2024-12", "2024-12-01", "2024-12-31")]
    public void MonthsCoverTheCalendarMonth(string text, string start, string last)
    {
        Assert.True(FeedPeriod.TryParseMonth(text, out var period, out _));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), period.Last);
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-1")]
    [InlineData("2024-01-01")]
    public void MalformedMonthsAreRejected(string text)
    {
        Assert.False(FeedPeriod.TryParseMonth(text, out _, out _));
    }

    [Fact]
    public void NavigationCrossesYearBoundaries()
    {
        var newYear = FeedPeriod.ForDay(new DateOnly(2025, 1, 1));
        Assert.Equal(new DateOnly(2024, 12, 31), newYear.Previous()!.Value.Start);
        Assert.Equal("2024-12", FeedPeriod.ForMonthContaining(newYear.Start).Previous()!.Value.Slug);
        Assert.Equal("2025-W01", FeedPeriod.ForWeekContaining(new DateOnly(2024, 12, 30)).Slug);
        Assert.Equal("2024-W52", FeedPeriod.ForWeekContaining(new DateOnly(2024, 12, 30)).Previous()!.Value.Slug);
    }

    [Theory]
    [InlineData(PeriodKind.Day, "9999-12-31", "9999-12-31", "9999-12-31", "Dec 31, 9999")]
    [InlineData(PeriodKind.Week, "9999-12-31", "9999-12-27", "9999-12-31", "Week 52, 9999 · Dec 27 – Dec 31")]
    [InlineData(PeriodKind.Month, "9999-12-31", "9999-12-01", "9999-12-31", "December 9999")]
    [InlineData(PeriodKind.Day, "0001-01-01", "0001-01-01", "0001-01-01", "Jan 1, 0001")]
    [InlineData(PeriodKind.Week, "0001-01-01", "0001-01-01", "0001-01-07", "Week 1, 1 · Jan 1 – Jan 7")]
    public void EveryRepresentableDayHasAPeriodAndTheCalendarsEdgesHaveNoNeighbour(PeriodKind kind, string day, string start, string last, string label)
    {
        var period = FeedPeriod.Containing(kind, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((start, last, label), (Days.ToText(period.Start), Days.ToText(period.Last), period.Label));
        Assert.True(period.Contains(period.Last));
        Assert.Null(period.Start == DateOnly.MinValue ? period.Previous() : period.Next());
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public void TheCalendarsFirstAndLastDaysAreDays(string text)
    {
        Assert.True(FeedPeriod.TryParseDay(text, out var period, out _));
        Assert.Equal(text, period.Slug);
    }

    [Fact]
    public void TheLastWeekAndMonthOfTheCalendarParse()
    {
        Assert.True(FeedPeriod.TryParseWeek("9999-W52", out var week, out _));
        Assert.Equal(DateOnly.MaxValue, week.Last);
        Assert.True(FeedPeriod.TryParseMonth("9999-12", out var month, out _));
        Assert.Equal(DateOnly.MaxValue, month.Last);
    }
}
