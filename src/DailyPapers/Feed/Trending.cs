namespace DailyPapers.Feed;

/// <summary>
/// The trending score, one small pure function, explained on <c>/about/trending</c> as computed here:
/// every upvote counts <c>1 / (hours since that vote + 2) ^ 1.5</c>, and a paper's score is the sum
/// over its upvotes. Members' votes count from the time they were cast; upvotes that came with an
/// import (Hugging Face's count, whose times are unknown) count as cast when the paper was featured.
/// So a paper rises while votes keep coming and fades once they stop, whatever its age; the +2 hours
/// keeps a vote cast a minute ago from dividing by ~0, and the exponent 1.5 means a vote counts
/// about a third as much a day later as an hour later (Hacker News uses 1.8 on the item's age;
/// papers stay relevant longer than news). Votes after <c>now</c> do not count, so a period ranks
/// the same whenever it is computed "as of" a time.
/// </summary>
public static class Trending
{
    public const double AgeOffsetHours = 2;
    public const double Gravity = 1.5;

    public static double Score(int importedUpvotes, DateTime featuredAtUtc, IEnumerable<DateTime> voteTimesUtc, DateTimeOffset now)
    {
        var score = Math.Max(0, importedUpvotes) * Weight(featuredAtUtc, now);
        foreach (var voted in voteTimesUtc)
        {
            if (voted <= now.UtcDateTime)
            {
                score += Weight(voted, now);
            }
        }
        return score;
    }

    /// <summary>What one upvote cast at <paramref name="castAtUtc"/> adds to the score at <paramref name="now"/>.</summary>
    public static double Weight(DateTime castAtUtc, DateTimeOffset now)
    {
        var ageHours = Math.Max(0, (now.UtcDateTime - castAtUtc).TotalHours);
        return 1 / Math.Pow(ageHours + AgeOffsetHours, Gravity);
    }

    public const string Explanation = "Trending = Σ over upvotes of 1 ÷ (hours since the vote + 2)^1.5";
}
