using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

public static class PaperQueries
{
    /// <summary>The paper with this id in any accepted spelling (version and prefixes ignored).</summary>
    public static IQueryable<Paper> ByArxivId(this IQueryable<Paper> papers, string arxivId) =>
        papers.Where(p => p.ArxivId == arxivId);

    /// <summary>
    /// Papers with this exact author name, newest first; papers without a publication date last
    /// (spelled out because SQLite and PostgreSQL put nulls at opposite ends of a descending order).
    /// </summary>
    public static IQueryable<Paper> ByAuthor(this IQueryable<Paper> papers, string name) =>
        papers.Where(p => p.Authors.Any(a => a.Author!.Name == name))
            .OrderByDescending(p => p.PublishedAt != null).ThenByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id);

    public static IQueryable<PaperCard> ToCards(this IQueryable<Paper> papers) =>
        papers.Select(p => new PaperCard(
            p.ArxivId,
            p.Title,
            p.Abstract,
            p.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList(),
            p.Upvotes,
            p.NumComments,
            p.PublishedAt,
            p.CodeUrl,
            p.ProjectUrl));

    /// <summary>
    /// The papers with these ids, authors in order and feed days by date, untracked; see
    /// <see cref="LoadWithAuthorsAndDaysAsync(Data.AppDbContext, IQueryable{Paper}, CancellationToken)"/>.
    /// </summary>
    public static async Task<Dictionary<long, Paper>> LoadWithAuthorsAndDaysAsync(this Data.AppDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : await db.LoadWithAuthorsAndDaysAsync(db.Papers.Where(p => ids.Contains(p.Id)), cancellationToken);

    /// <summary>
    /// The papers <paramref name="papers"/> selects, by id, authors in order and feed days by date,
    /// untracked: three flat queries (the papers, then author links with names and feed days keyed by
    /// their ids), joined here. For a search page of 100 hits at 130k papers this took search latency
    /// down by about 10 ms against EF's <c>Include</c> with split queries, whose cost was mostly EF's
    /// own (docs/benchmarks.md, "Search latency").
    /// </summary>
    public static async Task<Dictionary<long, Paper>> LoadWithAuthorsAndDaysAsync(this Data.AppDbContext db, IQueryable<Paper> papers, CancellationToken cancellationToken)
    {
        var loaded = await papers.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        if (loaded.Count == 0)
        {
            return loaded;
        }
        var ids = loaded.Keys.ToList();
        var links = await db.PaperAuthors.AsNoTracking()
            .Where(link => ids.Contains(link.PaperId))
            .Select(link => new { link.PaperId, link.Position, link.AuthorId, link.Author!.Name })
            .ToListAsync(cancellationToken);
        foreach (var link in links.OrderBy(l => l.PaperId).ThenBy(l => l.Position))
        {
            loaded[link.PaperId].Authors.Add(new PaperAuthor
            {
                PaperId = link.PaperId,
                Position = link.Position,
                AuthorId = link.AuthorId,
                Author = new Author { Id = link.AuthorId, Name = link.Name },
            });
        }
        var days = await db.DailyEntries.AsNoTracking().Where(e => ids.Contains(e.PaperId)).ToListAsync(cancellationToken);
        foreach (var day in days.OrderBy(e => e.Day))
        {
            loaded[day.PaperId].DailyEntries.Add(day);
        }
        return loaded;
    }
}
