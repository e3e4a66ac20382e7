using DailyPapers.Feed;

namespace DailyPapers.Tests.Feed;

public sealed class FeedLinksTests
{
    private static readonly DateOnly Jul29 = new(2024, 7, 29);

    [Theory]
    [InlineData(PeriodKind.Day, FeedSort.Upvotes, 1, "/papers/date/2024-07-29")]
    [InlineData(PeriodKind.Day, FeedSort.Newest, 1, "/papers/date/2024-07-29?sort=newest")]
    [InlineData(PeriodKind.Week, FeedSort.Trending, 2, "/papers/week/2024-W31?sort=trending&p=2")]
    [InlineData(PeriodKind.Month, FeedSort.Upvotes, 3, "/papers/month/2024-07?p=3")]
    public void LinksLeaveOutTheDefaults(PeriodKind kind, FeedSort sort, int page, string expected) =>
        Assert.Equal(expected, FeedLinks.Url(FeedPeriod.Containing(kind, Jul29), sort, page));

    [Theory]
    [InlineData(FeedSort.Upvotes)]
    [InlineData(FeedSort.Newest)]
    [InlineData(FeedSort.Trending)]
    [InlineData(FeedSort.PublishedAt)]
    public void EverySortNameTheLinksWriteParsesBack(FeedSort sort)
    {
        Assert.True(FeedSorts.TryParse(FeedSorts.Name(sort), out var parsed, out _));
        Assert.Equal(sort, parsed);
    }

    [Theory]
    [InlineData(PeriodKind.Day, "2024-07-31", "2024-07-31", "2024-07-31")]
    [InlineData(PeriodKind.Week, "2024-07-31", "2024-07-29", "2024-08-04")]
    [InlineData(PeriodKind.Month, "2024-07-31", "2024-07-01", "2024-07-31")]
    public void ThePeriodContainingADayDependsOnItsKind(PeriodKind kind, string day, string start, string last)
    {
        var period = FeedPeriod.Containing(kind, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((kind, start, last), (period.Kind, period.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(PeriodKind.Day, "2024-07-26", "Jul 26")]
    [InlineData(PeriodKind.Day, "2023-12-29", "Dec 29, 2023")]
    [InlineData(PeriodKind.Week, "2024-07-22", "Week 30")]
    [InlineData(PeriodKind.Month, "2024-06-01", "Jun 2024")]
    public void NeighbouringPeriodsGetShortButUnambiguousNames(PeriodKind kind, string day, string expected)
    {
        var shown = new FeedPageModel(FeedPeriod.Containing(kind, Jul29), FeedSort.Upvotes, new(1, 50, 0), [], null, null, Jul29, DateTimeOffset.UnixEpoch);
        Assert.Equal(expected, shown.ShortLabel(FeedPeriod.Containing(kind, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))));
    }
}
