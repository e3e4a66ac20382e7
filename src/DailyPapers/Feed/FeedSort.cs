using System.Diagnostics.CodeAnalysis;
using DailyPapers.Api;

namespace DailyPapers.Feed;

/// <summary>
/// How a feed period's entries are ordered, on the pages and in <c>/api/daily_papers</c> alike.
/// Every order ends with the entry id, so pages never overlap.
/// </summary>
public enum FeedSort
{
    /// <summary>Most upvotes first: the default, and what Hugging Face serves without a sort.</summary>
    Upvotes,

    /// <summary>Latest on the feed first (when the paper was put on the feed).</summary>
    Newest,

    /// <summary>Upvotes discounted by time on the feed: see <see cref="Trending"/>.</summary>
    Trending,

    /// <summary>Newest arXiv publication first, undated papers last: the order of each item's <c>publishedAt</c> field.</summary>
    PublishedAt,
}

/// <summary>The one reader and writer of <c>?sort=</c> values for feed orders.</summary>
public static class FeedSorts
{
    /// <summary>The orders the pages offer as tabs; <see cref="FeedSort.PublishedAt"/> is taken too but not offered.</summary>
    public static readonly IReadOnlyList<FeedSort> OnPages = [FeedSort.Upvotes, FeedSort.Newest, FeedSort.Trending];

    /// <summary>What an unknown value is answered with (400 on the API and on the pages).</summary>
    public const string Expected = "expected upvotes (the default), newest (latest on the feed), trending or publishedAt (newest arXiv publication)";

    /// <summary>
    /// Total: any string gives a sort or an error, never an exception. Case and surrounding blanks
    /// are ignored; empty means <see cref="FeedSort.Upvotes"/>; <c>top</c> and <c>new</c> are old
    /// spellings of upvotes and newest.
    /// </summary>
    public static bool TryParse(string? text, out FeedSort sort, [NotNullWhen(false)] out ParameterError? error)
    {
        error = null;
        sort = FeedSort.Upvotes;
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "" or "UPVOTES" or "TOP":
                return true;
            case "NEWEST" or "NEW":
                sort = FeedSort.Newest;
                return true;
            case "TRENDING":
                sort = FeedSort.Trending;
                return true;
            case "PUBLISHEDAT":
                sort = FeedSort.PublishedAt;
                return true;
            default:
                error = new("sort", $"Unknown sort '{text}': {Expected}.");
                return false;
        }
    }

    /// <summary>The <c>?sort=</c> value links write; <see cref="TryParse"/> reads it back.</summary>
    public static string Name(FeedSort sort) => sort switch
    {
        FeedSort.Newest => "newest",
        FeedSort.Trending => "trending",
        FeedSort.PublishedAt => "publishedAt",
        _ => "upvotes",
    };
}
