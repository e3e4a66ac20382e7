using DailyPapers.Web;

namespace DailyPapers.Tests.Web;

public sealed class PagerTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("1", 1)]
    [InlineData("7", 7)]
    public void PageNumbersParseFromOneUp(string? text, int expected)
    {
        Assert.True(Pager.TryParsePage(text, out var page, out _));
        Assert.Equal(expected, page);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("2.5")]
    [InlineData("two")]
    [InlineData(" 2")]
    [InlineData("99999999999")]
    public void AnythingButAPositiveWholeNumberIsRejectedWithAMessage(string text)
    {
        Assert.False(Pager.TryParsePage(text, out _, out var error));
        Assert.Contains("expected a page number, 1 or more", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 3)]
    public void AnEmptyListStillHasOnePage(int total, int pages) =>
        Assert.Equal(pages, new Pager(1, 50, total).PageCount);

    [Theory]
    [InlineData(1, 3, "1 2 3")]
    [InlineData(1, 10, "1 2 3 … 10")]
    [InlineData(5, 10, "1 … 3 4 5 6 7 … 10")]
    [InlineData(10, 10, "1 … 8 9 10")]
    [InlineData(4, 10, "1 2 3 4 5 6 … 10")]
    public void TheWindowShowsTheEndsAndTheNeighbours(int page, int pageCount, string expected)
    {
        var pager = new Pager(page, 10, pageCount * 10);
        Assert.Equal(expected, string.Join(' ', pager.Window().Select(p => p?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…")));
    }

    [Fact]
    public void PagesPastTheEndAreOutOfRangeAndSaySo()
    {
        var pager = new Pager(3, 50, 60);
        Assert.False(pager.IsInRange);
        Assert.Equal("There is no page 3: expected a page from 1 to 2.", pager.OutOfRangeMessage);
        Assert.True(new Pager(1, 50, 0).IsInRange);
    }
}
