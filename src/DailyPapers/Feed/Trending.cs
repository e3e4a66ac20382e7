namespace DailyPapers.Feed;

/// <summary>
/// The trending score, shown on the site as it is computed here:
/// <c>upvotes / (hours since featured + 2) ^ 1.5</c>.
/// The +2 hours keeps a paper featured a minute ago from dividing by ~0; the exponent 1.5 means a
/// paper needs about 2.8x the upvotes to rank level with one half its age (Hacker News uses 1.8;
/// papers stay relevant longer than news, so they decay a little slower).
/// </summary>
public static class Trending
{
    public const double AgeOffsetHours = 2;
    public const double Gravity = 1.5;

    public static double Score(int upvotes, DateTime featuredAtUtc, DateTimeOffset now)
    {
        var ageHours = Math.Max(0, (now.UtcDateTime - featuredAtUtc).TotalHours);
        return Math.Max(0, upvotes) / Math.Pow(ageHours + AgeOffsetHours, Gravity);
    }

    public const string Explanation = "Trending = upvotes ÷ (hours since featured + 2)^1.5";
}
