using DailyPapers.Feed;

namespace DailyPapers.Tests.Feed;

public sealed class DailyPapersQueryTests
{
    [Fact]
    public void NoParametersMeanTheLatestDayByUpvotesFirstPageOfFifty()
    {
        Assert.True(DailyPapersQuery.TryParse(null, null, null, null, null, null, null, out var query, out _));

        Assert.Equal(new DailyPapersQuery(null, FeedSort.Upvotes, 0, 50, null), query);
    }

    [Theory]
    [InlineData("publishedAt", FeedSort.PublishedAt)]
    [InlineData("publishedat", FeedSort.PublishedAt)]
    [InlineData("trending", FeedSort.Trending)]
    [InlineData("Trending", FeedSort.Trending)]
    [InlineData("upvotes", FeedSort.Upvotes)]
    [InlineData("", FeedSort.Upvotes)]
    public void SortAcceptsHuggingFacesNamesInAnyCase(string text, FeedSort expected)
    {
        Assert.True(DailyPapersQuery.TryParse(null, null, null, null, text, null, null, out var query, out _));

        Assert.Equal(expected, query.Sort);
    }

    [Theory]
    [InlineData("2024-07-29", null, null, "2024-07-29", "2024-07-29")]
    [InlineData(null, "2024-W31", null, "2024-07-29", "2024-08-04")]
    [InlineData(null, "2024-w31", null, "2024-07-29", "2024-08-04")]
    [InlineData(null, null, "2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("", "", "2024-02", "2024-02-01", "2024-02-29")]
    public void OnePeriodSelectsItsDays(string? date, string? week, string? month, string start, string last)
    {
        Assert.True(DailyPapersQuery.TryParse(date, week, month, null, null, null, null, out var query, out _));

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), query.Period!.Value.Start);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), query.Period!.Value.Last);
    }

    [Theory]
    [InlineData("2024-07-29", "2024-W31", null, "date,week")]
    [InlineData("2024-07-29", null, "2024-07", "date,month")]
    [InlineData(null, "2024-W31", "2024-07", "week,month")]
    [InlineData("2024-07-29", "2024-W31", "2024-07", "date,week,month")]
    public void MoreThanOnePeriodIsRejectedNamingThemAll(string? date, string? week, string? month, string parameter)
    {
        Assert.False(DailyPapersQuery.TryParse(date, week, month, null, null, null, null, out _, out var error));

        Assert.Equal(parameter, error.Parameter);
        Assert.Contains("at most one of date, week and month", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "1", 0, 1)]
    [InlineData("7", "100", 7, 100)]
    [InlineData(null, null, 0, 50)]
    public void PageAndLimitWithinBoundsAreKept(string? p, string? limit, int page, int size)
    {
        Assert.True(DailyPapersQuery.TryParse(null, null, null, null, null, p, limit, out var query, out _));

        Assert.Equal((page, size), (query.Page, query.Limit));
    }

    [Theory]
    [InlineData("-1", null, "p")]
    [InlineData("+1", null, "p")]
    [InlineData("1.5", null, "p")]
    [InlineData("99999999999", null, "p")]
    [InlineData(null, "0", "limit")]
    [InlineData(null, "101", "limit")]
    [InlineData(null, " 5", "limit")]
    public void PageAndLimitOutOfBoundsAreRejected(string? p, string? limit, string parameter)
    {
        Assert.False(DailyPapersQuery.TryParse(null, null, null, null, null, p, limit, out _, out var error));

        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public void ABlankSubmitterMeansNoFilter()
    {
        Assert.True(DailyPapersQuery.TryParse(null, null, null, "  ", null, null, null, out var blank, out _));
        Assert.True(DailyPapersQuery.TryParse(null, null, null, " akhaliq ", null, null, null, out var named, out _));

        Assert.Null(blank.Submitter);
        Assert.Equal("akhaliq", named.Submitter);
    }

    /// <summary>The character goes inside a name; as a number, since test data cannot carry a lone surrogate intact.</summary>
    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0001)]
    [InlineData(0x0085)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void ASubmitterWithControlCharactersOrALoneSurrogateIsRejected(int character)
    {
        var submitter = "ak" + (char)character + "haliq";

        Assert.False(DailyPapersQuery.TryParse(null, null, null, submitter, null, null, null, out _, out var error));

        Assert.Equal("submitter", error.Parameter);
    }

    [Fact]
    public void ASubmitterMayHoldAnyOtherText()
    {
        Assert.True(DailyPapersQuery.TryParse(null, null, null, "ak 🚀 شبكات", null, null, null, out var query, out _));

        Assert.Equal("ak 🚀 شبكات", query.Submitter);
    }
}
