using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

public static class PaperListing
{
    /// <summary>
    /// Up to <paramref name="take"/> papers after <paramref name="after"/> in newest-first order:
    /// arXiv publication time descending, then id descending, papers without a date last. Keyset
    /// paging (not offset) so a page costs the same deep in the catalog and concurrent inserts
    /// never repeat or skip a paper. The two regions are read separately because PostgreSQL and
    /// SQLite disagree on where NULL sorts, and each query can walk the published_at index.
    /// </summary>
    public static async Task<List<Paper>> NewestFirstAfterAsync(
        this IQueryable<Paper> papers, PaperKey? after, int take, CancellationToken cancellationToken)
    {
        var page = new List<Paper>(take);
        if (after is not { PublishedAt: null })
        {
            var dated = papers.Where(p => p.PublishedAt != null);
            if (after is { PublishedAt: { } at, Id: var id })
            {
                dated = dated.Where(p => p.PublishedAt < at || (p.PublishedAt == at && p.Id < id));
            }
            page.AddRange(await dated.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
                .Take(take).ToListAsync(cancellationToken));
        }
        if (page.Count < take)
        {
            var undated = papers.Where(p => p.PublishedAt == null);
            if (after is { PublishedAt: null, Id: var id })
            {
                undated = undated.Where(p => p.Id < id);
            }
            page.AddRange(await undated.OrderByDescending(p => p.Id).Take(take - page.Count).ToListAsync(cancellationToken));
        }
        return page;
    }
}
