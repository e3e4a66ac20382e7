using DailyPapers.Feed;

namespace DailyPapers.Tests.Feed;

public sealed class FeedSortsTests
{
    [Theory]
    [InlineData(null, FeedSort.Upvotes)]
    [InlineData("", FeedSort.Upvotes)]
    [InlineData("upvotes", FeedSort.Upvotes)]
    [InlineData("top", FeedSort.Upvotes)]
    [InlineData("newest", FeedSort.Newest)]
    [InlineData("New", FeedSort.Newest)]
    [InlineData("trending", FeedSort.Trending)]
    [InlineData(" TRENDING ", FeedSort.Trending)]
    [InlineData("publishedAt", FeedSort.PublishedAt)]
    [InlineData("publishedat", FeedSort.PublishedAt)]
    public void EachNameGivesOneOrder(string? text, FeedSort expected)
    {
        Assert.True(FeedSorts.TryParse(text, out var sort, out var error));

        Assert.Equal(expected, sort);
        Assert.Null(error);
    }

    /// <summary>The API answers these with a 400 naming <c>sort</c>, the pages with a 400 page; neither may throw.</summary>
    [Theory]
    [InlineData("hot")]
    [InlineData("published")]
    [InlineData("upvotes,trending")]
    [InlineData("\0")]
    [InlineData("\ud800")]
    [InlineData("٢")]
    public void AnythingElseIsAnErrorNamingTheParameterAndTheChoices(string text)
    {
        Assert.False(FeedSorts.TryParse(text, out var sort, out var error));

        Assert.Equal(FeedSort.Upvotes, sort);
        Assert.Equal("sort", error.Parameter);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
        Assert.Contains(FeedSorts.Expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVeryLongValueIsAnErrorToo() =>
        Assert.False(FeedSorts.TryParse(new string('x', 10_000), out _, out _));

    /// <summary>
    /// publishedAt means the arXiv date everywhere: the API's items carry it under that name, so
    /// the pages' old reading (time on the feed, now "newest") is gone.
    /// </summary>
    [Fact]
    public void PublishedAtIsTheArxivOrderNotTheFeedOrder()
    {
        Assert.True(FeedSorts.TryParse("publishedAt", out var sort, out _));

        Assert.NotEqual(FeedSort.Newest, sort);
        Assert.Equal("publishedAt", FeedSorts.Name(sort));
    }
}
