using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Feed;

/// <summary>One daily entry with its paper, as the API reads it.</summary>
public sealed record DailyRow(long EntryId, DateTime SubmittedAt, string? SubmittedBy, Paper Paper);

/// <summary>A page of daily entries and the number of entries on all pages.</summary>
public sealed record DailyPage(IReadOnlyList<DailyRow> Rows, int Total)
{
    public static readonly DailyPage Empty = new([], 0);
}

public static class DailyPaperRows
{
    /// <summary>
    /// One page of <paramref name="entries"/> in the query's order. Upvote and publication orders
    /// page in the database; trending depends on the clock, so the period's (small) keys are ranked
    /// in memory and only the page's rows are then loaded.
    /// </summary>
    public static async Task<DailyPage> LoadPageAsync(
        this IQueryable<DailyEntry> entries, DailyPapersQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var offset = (long)query.Page * query.Limit;
        if (query.Sort == DailySort.Trending)
        {
            var keys = await entries.Select(e => new { e.Id, e.Paper!.Upvotes, e.SubmittedAt }).ToListAsync(cancellationToken);
            List<long> ids = [.. keys
                .OrderByDescending(k => Trending.Score(k.Upvotes, k.SubmittedAt, now))
                .ThenByDescending(k => k.SubmittedAt).ThenByDescending(k => k.Id)
                .Skip((int)Math.Min(offset, int.MaxValue)).Take(query.Limit)
                .Select(k => k.Id)];
            var rows = ids.Count == 0 ? [] : await entries.Where(e => ids.Contains(e.Id)).ToRows().ToListAsync(cancellationToken);
            return new([.. rows.OrderBy(r => ids.IndexOf(r.EntryId))], keys.Count);
        }

        var ordered = query.Sort == DailySort.PublishedAt ? entries.OrderByPublishedAt() : entries.OrderBy(FeedSort.Upvotes);
        List<DailyRow> page = offset > int.MaxValue
            ? []
            : await ordered.Skip((int)offset).Take(query.Limit).ToRows().ToListAsync(cancellationToken);
        // A short, non-empty page is the last one and so also tells the total: most days fit on one
        // page, which saves the count query on the busiest request.
        var total = page.Count > 0 && page.Count < query.Limit
            ? (int)offset + page.Count
            : await entries.CountAsync(cancellationToken);
        return new(page, total);
    }

    public static IQueryable<DailyRow> ToRows(this IQueryable<DailyEntry> entries) =>
        entries.Select(e => new DailyRow(e.Id, e.SubmittedAt, e.SubmittedBy, e.Paper!));
}
