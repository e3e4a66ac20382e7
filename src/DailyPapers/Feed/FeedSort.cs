namespace DailyPapers.Feed;

/// <summary>How a feed period's papers are ordered.</summary>
public enum FeedSort
{
    /// <summary>Most upvotes first (the site's default, like the seed page).</summary>
    Upvotes,

    /// <summary>Most recently put on the feed first.</summary>
    Newest,

    /// <summary>Upvotes discounted by age: see <see cref="Trending"/>.</summary>
    Trending,
}

public static class FeedSorts
{
    /// <summary>Parses the query-string value; accepts HF's names (<c>publishedAt</c>, <c>trending</c>) too.</summary>
    public static bool TryParse(string? text, out FeedSort sort)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "upvotes" or "top":
                sort = FeedSort.Upvotes;
                return true;
            case "newest" or "new" or "publishedat":
                sort = FeedSort.Newest;
                return true;
            case "trending":
                sort = FeedSort.Trending;
                return true;
            default:
                sort = FeedSort.Upvotes;
                return false;
        }
    }
}
