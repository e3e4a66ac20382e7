using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Feed;

/// <summary>
/// A paper as it appears on a feed page or in the daily_papers API: one row per daily entry.
/// <see cref="FirstFeaturedAt"/> is the paper's earliest feed entry (for the "new" badge), which
/// differs from <see cref="SubmittedAt"/> when the paper was featured again later.
/// </summary>
public sealed record FeedItem(
    long PaperId,
    string ArxivId,
    string Title,
    string? Abstract,
    int Upvotes,
    int NumComments,
    DateOnly Day,
    DateTime SubmittedAt,
    string? SubmittedBy,
    DateTime? PublishedAt,
    string? CodeUrl,
    string? ProjectUrl,
    string? PrimaryCategory,
    IReadOnlyList<string> Authors,
    DateTime FirstFeaturedAt);

public static class FeedQueries
{
    public static IQueryable<DailyEntry> InPeriod(this IQueryable<DailyEntry> entries, FeedPeriod period) =>
        entries.Where(e => e.Day >= period.Start && e.Day <= period.Last);

    /// <summary>The most recent feed day that has papers, if any.</summary>
    public static async Task<DateOnly?> LatestDayAsync(this IQueryable<DailyEntry> entries, CancellationToken cancellationToken) =>
        await entries.OrderByDescending(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The nearest day with papers before <paramref name="day"/>, for "previous" links that skip empty days.</summary>
    public static async Task<DateOnly?> DayWithPapersBeforeAsync(this IQueryable<DailyEntry> entries, DateOnly day, CancellationToken cancellationToken) =>
        await entries.Where(e => e.Day < day).OrderByDescending(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The nearest day with papers after <paramref name="day"/>.</summary>
    public static async Task<DateOnly?> DayWithPapersAfterAsync(this IQueryable<DailyEntry> entries, DateOnly day, CancellationToken cancellationToken) =>
        await entries.Where(e => e.Day > day).OrderBy(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Orders in the database for upvotes and newest. Trending depends on the clock, so it is
    /// ordered by upvotes here and re-ranked in memory with <see cref="Trending.Score"/>
    /// (see <see cref="RankTrending"/>); a period holds at most a few thousand entries.
    /// </summary>
    /// <remarks>
    /// Every order ends with the entry id: a paper can be on several days of a week or month with
    /// the same upvotes, and pages only stay disjoint when the order is total.
    /// </remarks>
    public static IQueryable<DailyEntry> OrderBy(this IQueryable<DailyEntry> entries, FeedSort sort) => sort switch
    {
        FeedSort.Newest => entries.OrderByDescending(e => e.SubmittedAt).ThenByDescending(e => e.PaperId).ThenByDescending(e => e.Id),
        _ => entries.OrderByDescending(e => e.Paper!.Upvotes).ThenByDescending(e => e.SubmittedAt).ThenByDescending(e => e.PaperId)
            .ThenByDescending(e => e.Id),
    };

    /// <summary>
    /// Newest arXiv publication first; papers without a publication date last on both providers
    /// (PostgreSQL would otherwise sort NULL first in a descending order, SQLite last).
    /// </summary>
    public static IQueryable<DailyEntry> OrderByPublishedAt(this IQueryable<DailyEntry> entries) =>
        entries.OrderBy(e => e.Paper!.PublishedAt == null).ThenByDescending(e => e.Paper!.PublishedAt)
            .ThenByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id);

    public static IQueryable<FeedItem> ToFeedItems(this IQueryable<DailyEntry> entries) =>
        entries.Select(e => new FeedItem(
            e.PaperId,
            e.Paper!.ArxivId,
            e.Paper.Title,
            e.Paper.Abstract,
            e.Paper.Upvotes,
            e.Paper.NumComments,
            e.Day,
            e.SubmittedAt,
            e.SubmittedBy,
            e.Paper.PublishedAt,
            e.Paper.CodeUrl,
            e.Paper.ProjectUrl,
            e.Paper.PrimaryCategory,
            e.Paper.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList(),
            e.Paper.DailyEntries.Min(d => d.SubmittedAt)));

    public static List<FeedItem> RankTrending(this IEnumerable<FeedItem> items, DateTimeOffset now) =>
        [.. items.OrderByDescending(i => Trending.Score(i.Upvotes, i.SubmittedAt, now)).ThenByDescending(i => i.SubmittedAt)];
}
