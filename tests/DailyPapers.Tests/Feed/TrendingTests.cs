using DailyPapers.Feed;

namespace DailyPapers.Tests.Feed;

/// <summary>The trending score weighs each upvote by its own age.</summary>
public sealed class TrendingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static DateTime HoursAgo(double hours) => Now.UtcDateTime.AddHours(-hours);

    [Fact]
    public void AVoteCountsOneOverItsAgePlusTwoToTheOneAndAHalf()
    {
        Assert.Equal(1 / Math.Pow(2, 1.5), Trending.Weight(HoursAgo(0), Now), 12);
        Assert.Equal(1 / Math.Pow(26, 1.5), Trending.Weight(HoursAgo(24), Now), 12);
        Assert.Equal(3 / Math.Pow(12, 1.5) + 1 / Math.Pow(3, 1.5), Trending.Score(3, HoursAgo(10), [HoursAgo(1)], Now), 12);
    }

    [Fact]
    public void RecentVotesOnAnOldPaperOutrankOldVotesOnANewerOne()
    {
        // Featured a week ago, but five members upvoted it in the last hour.
        var revived = Trending.Score(0, HoursAgo(168), [.. Enumerable.Repeat(HoursAgo(1), 5)], Now);
        // Featured yesterday with ten imported upvotes and nothing since.
        var quiet = Trending.Score(10, HoursAgo(24), [], Now);
        // The total alone (5 < 10) would say the opposite.
        Assert.True(revived > quiet, $"{revived} <= {quiet}");
    }

    [Fact]
    public void VotesAfterNowDoNotCountAndNeitherDoNegativeImports()
    {
        Assert.Equal(0, Trending.Score(-5, HoursAgo(1), [Now.UtcDateTime.AddHours(1)], Now));
        Assert.Equal(Trending.Score(2, HoursAgo(3), [], Now), Trending.Score(2, HoursAgo(3), [Now.UtcDateTime.AddMinutes(1)], Now));
    }
}
