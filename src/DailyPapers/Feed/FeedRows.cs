using System.Linq.Expressions;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Feed;

/// <summary>One entry of the feed with its paper, as the feed pages, the daily_papers API and the Atom feeds show it.</summary>
public sealed record FeedRow(long EntryId, DateOnly Day, DateTime SubmittedAt, string? SubmittedBy, PaperView Paper, bool ByMember = false)
{
    /// <summary>The paper's first time on the feed (for the "new" badge); earlier than <see cref="SubmittedAt"/> when it was featured again.</summary>
    public DateTime FirstFeaturedAt => Paper.FeedDays.Count > 0 ? Paper.FeedDays.Min(d => d.SubmittedAt) : SubmittedAt;
}

public static class FeedRows
{
    /// <summary>
    /// One page of <paramref name="entries"/> in <paramref name="sort"/>'s order, the same for pages
    /// and API. Upvote, feed-time and arXiv-date orders page in the database; trending depends on
    /// the clock, so the period's (small) keys are ranked in memory and only the page's papers are
    /// then loaded.
    /// </summary>
    public static async Task<List<FeedRow>> LoadFeedPageAsync(
        this AppDbContext db, IQueryable<DailyEntry> entries, FeedSort sort, long skip, int take, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (skip > int.MaxValue)
        {
            return [];
        }
        if (sort != FeedSort.Trending)
        {
            return await db.LoadFeedRowsAsync(entries.OrderBy(sort).Skip((int)skip).Take(take), cancellationToken);
        }
        var keys = await entries.Select(Key).ToListAsync(cancellationToken);
        var votes = await db.VoteTimesAsync(entries, cancellationToken);
        List<EntryKey> page = [.. keys
            .OrderByDescending(k => Trending.Score(k.ImportedUpvotes, k.SubmittedAt, votes[k.PaperId], now))
            .ThenByDescending(k => k.SubmittedAt).ThenByDescending(k => k.Id)
            .Skip((int)skip).Take(take)];
        return await db.WithPapersAsync(page, cancellationToken);
    }

    /// <summary>When members upvoted the papers of these entries (UTC), by paper: what trending weighs.</summary>
    public static async Task<ILookup<long, DateTime>> VoteTimesAsync(this AppDbContext db, IQueryable<DailyEntry> entries, CancellationToken cancellationToken) =>
        (await db.PaperVotes.AsNoTracking()
            .Where(v => entries.Any(e => e.PaperId == v.PaperId))
            .Select(v => new { v.PaperId, v.CreatedAt })
            .ToListAsync(cancellationToken))
        .ToLookup(v => v.PaperId, v => PaperViews.Utc(v.CreatedAt));

    /// <summary>The entries <paramref name="ordered"/> selects, in its order, each with its paper.</summary>
    public static async Task<List<FeedRow>> LoadFeedRowsAsync(this AppDbContext db, IQueryable<DailyEntry> ordered, CancellationToken cancellationToken) =>
        await db.WithPapersAsync(await ordered.Select(Key).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Orders in the database. Every order ends with the entry id: a paper can be on several days of
    /// a week or month with the same upvotes, and pages only stay disjoint when the order is total.
    /// Trending is ranked in memory (<see cref="LoadFeedPageAsync"/>); here it falls back to upvotes.
    /// </summary>
    public static IQueryable<DailyEntry> OrderBy(this IQueryable<DailyEntry> entries, FeedSort sort) => sort switch
    {
        FeedSort.Newest => entries.OrderByDescending(e => e.SubmittedAt).ThenByDescending(e => e.PaperId).ThenByDescending(e => e.Id),
        // Undated papers last on both providers (PostgreSQL would otherwise sort NULL first in a descending order, SQLite last).
        FeedSort.PublishedAt => entries.OrderBy(e => e.Paper!.PublishedAt == null).ThenByDescending(e => e.Paper!.PublishedAt)
            .ThenByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id),
        // Everyone's upvotes: the imported count plus members' votes.
        _ => entries.OrderByDescending(e => e.Paper!.Upvotes + e.Paper.Votes.Count).ThenByDescending(e => e.SubmittedAt).ThenByDescending(e => e.PaperId)
            .ThenByDescending(e => e.Id),
    };

    private sealed record EntryKey(long Id, long PaperId, DateOnly Day, DateTime SubmittedAt, string? SubmittedBy, int ImportedUpvotes, bool ByMember);

    private static readonly Expression<Func<DailyEntry, EntryKey>> Key =
        e => new EntryKey(e.Id, e.PaperId, e.Day, e.SubmittedAt, e.SubmittedBy, e.Paper!.Upvotes, e.SubmittedById != null);

    private static async Task<List<FeedRow>> WithPapersAsync(this AppDbContext db, List<EntryKey> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => k.PaperId).Distinct().ToList();
        var papers = (await db.LoadPaperViewsAsync(ids, cancellationToken)).ToDictionary(p => p.Id);
        return [.. keys.Where(k => papers.ContainsKey(k.PaperId))
            .Select(k => new FeedRow(k.Id, k.Day, PaperViews.Utc(k.SubmittedAt), k.SubmittedBy, papers[k.PaperId], k.ByMember))];
    }
}
