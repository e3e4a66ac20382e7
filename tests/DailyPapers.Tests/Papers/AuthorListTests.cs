using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class AuthorListTests
{
    [Theory]
    [InlineData(0, 3, "", 0)]
    [InlineData(3, 3, "A1 A2 A3", 0)]
    [InlineData(4, 3, "A1 A2 A3 A4", 0)] // never "+1 more"
    [InlineData(5, 3, "A1 A2 A3", 2)]
    [InlineData(671, 6, "A1 A2 A3 A4 A5 A6", 665)]
    public void LongListsKeepTheFirstNamesAndCountTheRest(int count, int max, string shown, int more)
    {
        var list = AuthorList.Shorten([.. Enumerable.Range(1, count).Select(i => $"A{i}")], max);
        Assert.Equal(shown, string.Join(' ', list.Shown));
        Assert.Equal(more, list.More);
    }

    [Theory]
    [InlineData("A2", "A1 A2 A3")]
    [InlineData("A9", "A1 A2 A9")]
    [InlineData("Z", "A1 A2 A3")]
    public void AnAuthorWhoMustStayVisibleTakesTheLastPlace(string keep, string shown)
    {
        var list = AuthorList.Shorten([.. Enumerable.Range(1, 10).Select(i => $"A{i}")], 3, keep);
        Assert.Equal(shown, string.Join(' ', list.Shown));
        Assert.Equal(7, list.More);
    }
}
