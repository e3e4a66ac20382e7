using DailyPapers.Feed;

namespace DailyPapers.Tests.Feed;

public sealed class FeedPeriodTests
{
    [Theory]
    [InlineData("2024-W31", "2024-07-29", "2024-08-05")]
    [InlineData("2024-W01", "2024-01-01", "2024-01-08")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-04")] // 2020 has 53 ISO weeks
    [InlineData("2021-W01", "2021-01-04", "2021-01-11")] // Jan 1-3 2021 belong to 2020-W53
    [InlineData("2025-W01", "2024-12-30", "2025-01-06")] // ISO week 1 of 2025 starts in 2024
    public void WeeksAreIsoWeeksFromMondayToSunday(string text, string start, string end)
    {
        Assert.True(FeedPeriod.TryParseWeek(text, out var period, out _));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
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
    [InlineData("9999-12-31")] // no day after it to end the period
    public void MalformedDaysAreRejected(string text)
    {
        Assert.False(FeedPeriod.TryParseDay(text, out _, out var error));
        Assert.Contains("YYYY-MM-DD", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02", "2024-02-01", "2024-03-01")]
    [InlineData("2024-12", "2024-12-01", "2025-01-01")]
    public void MonthsCoverTheCalendarMonth(string text, string start, string end)
    {
        Assert.True(FeedPeriod.TryParseMonth(text, out var period, out _));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-1")]
    [InlineData("2024-01-01")]
    [InlineData("9999-12")] // no month after it to end the period
    public void MalformedMonthsAreRejected(string text)
    {
        Assert.False(FeedPeriod.TryParseMonth(text, out _, out _));
    }

    [Fact]
    public void NavigationCrossesYearBoundaries()
    {
        var newYear = FeedPeriod.ForDay(new DateOnly(2025, 1, 1));
        Assert.Equal(new DateOnly(2024, 12, 31), newYear.Previous().Start);
        Assert.Equal("2024-12", FeedPeriod.ForMonthContaining(newYear.Start).Previous().Slug);
        Assert.Equal("2025-W01", FeedPeriod.ForWeekContaining(new DateOnly(2024, 12, 30)).Slug);
        Assert.Equal("2024-W52", FeedPeriod.ForWeekContaining(new DateOnly(2024, 12, 30)).Previous().Slug);
    }
}
