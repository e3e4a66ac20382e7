using DailyPapers.Comments;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

/// <summary>The one way papers are loaded for showing: <see cref="PaperView"/>s, whole pages at a time.</summary>
public static class PaperViews
{
    /// <summary>The papers with these ids, in the order given; an id no longer in the catalog is skipped.</summary>
    public static Task<List<PaperView>> LoadPaperViewsAsync(this AppDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        db.LoadPaperViewsAsync(ids, sideReads: null, cancellationToken);

    /// <summary>
    /// The same, for a page of many papers (a search's 100): the author links and feed days are read
    /// on a second context from <paramref name="sideReads"/> while this one reads the papers, members'
    /// votes and comment counts. The queries cost what they cost either way; run side by side on two
    /// cores, a search page of 100 papers at 130k loaded in about 5 ms instead of 8.6
    /// (docs/benchmarks.md, "Search latency against the commit before issue 12"). Pages smaller than
    /// <see cref="SideReadsFrom"/>, or without <paramref name="sideReads"/>, are read on one context,
    /// where a second one would cost more than it saves.
    /// </summary>
    public static async Task<List<PaperView>> LoadPaperViewsAsync(this AppDbContext db, IReadOnlyList<long> ids, IServiceScopeFactory? sideReads, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        // The side reads go by the ids asked for: links of a paper the hidden-paper filter drops are read and left unused.
        var side = sideReads is null || ids.Count < SideReadsFrom ? null : Task.Run(async () =>
        {
            await using var scope = sideReads.CreateAsyncScope();
            var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return (await AuthorLinksAsync(other, ids, cancellationToken), await FeedDaysAsync(other, ids, cancellationToken));
        }, cancellationToken);
        Dictionary<long, PaperView> loaded;
        try
        {
            loaded = await db.LoadPaperViewsAsync(db.Papers.Where(p => ids.Contains(p.Id)), side, cancellationToken);
        }
        catch when (side is not null)
        {
            // Its failure, if any, is the same as this one's; it must not outlive the request unobserved.
            await ((Task)side).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        return [.. ids.Where(loaded.ContainsKey).Select(id => loaded[id])];
    }

    /// <summary>The smallest page whose author links and feed days are read on a second context.</summary>
    public const int SideReadsFrom = 20;

    /// <summary>The paper with this normalized arXiv id, if the catalog holds it.</summary>
    public static async Task<PaperView?> LoadPaperViewAsync(this AppDbContext db, string arxivId, CancellationToken cancellationToken) =>
        (await db.LoadPaperViewsAsync(db.Papers.ByArxivId(arxivId), cancellationToken)).Values.FirstOrDefault();

    /// <summary>
    /// The papers <paramref name="papers"/> selects, by id: three flat queries (the papers, then
    /// author links with names and feed days keyed by their ids), joined here. For a search page of
    /// 100 hits at 130k papers this took search latency down by about 10 ms against EF's
    /// <c>Include</c> with split queries, whose cost was mostly EF's own (docs/benchmarks.md,
    /// "Search latency").
    /// </summary>
    public static Task<Dictionary<long, PaperView>> LoadPaperViewsAsync(this AppDbContext db, IQueryable<Paper> papers, CancellationToken cancellationToken) =>
        db.LoadPaperViewsAsync(papers, linksAndDays: null, cancellationToken);

    // linksAndDays: the author links and feed days of the papers, already being read on another context; null to read them here.
    private static async Task<Dictionary<long, PaperView>> LoadPaperViewsAsync(this AppDbContext db, IQueryable<Paper> papers,
        Task<(List<AuthorLink> Links, List<FeedDayRow> Days)>? linksAndDays, CancellationToken cancellationToken)
    {
        var rows = await papers.AsNoTracking().ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            if (linksAndDays is not null)
            {
                await linksAndDays;
            }
            return [];
        }
        var ids = rows.Select(p => p.Id).ToList();
        var votes = await db.LocalUpvotesAsync(ids, cancellationToken);
        var comments = await db.LocalCommentCountsAsync(ids, cancellationToken);
        var (links, dayRows) = linksAndDays is not null
            ? await linksAndDays
            : (await AuthorLinksAsync(db, ids, cancellationToken), await FeedDaysAsync(db, ids, cancellationToken));
        var authors = links.OrderBy(link => link.Position).ToLookup(link => link.PaperId, link => new AuthorView(link.AuthorId, link.Name));
        var days = dayRows.OrderBy(e => e.Day).ThenBy(e => e.SubmittedAt)
            .ToLookup(e => e.PaperId, e => new FeedDay(e.Day, Utc(e.SubmittedAt), e.SubmittedBy, e.ByMember));
        return rows.ToDictionary(p => p.Id, p => ToView(p, [.. authors[p.Id]], [.. days[p.Id]], votes.GetValueOrDefault(p.Id), comments.GetValueOrDefault(p.Id)));
    }

    private sealed record AuthorLink(long PaperId, int Position, long AuthorId, string Name);

    private sealed record FeedDayRow(long PaperId, DateOnly Day, DateTime SubmittedAt, string? SubmittedBy, bool ByMember);

    // The ids are of papers read through the hidden-paper filter (or about to be), so the links and days
    // need not join papers again to apply it. For a search page of about 90 papers at 130k, leaving the
    // join out took the author query from 3.6 to 2.7 ms and the days query from 1.0 to 0.25 ms.
    private static Task<List<AuthorLink>> AuthorLinksAsync(AppDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        db.PaperAuthors.AsNoTracking().IgnoreQueryFilters()
            .Where(link => ids.Contains(link.PaperId))
            .Select(link => new AuthorLink(link.PaperId, link.Position, link.AuthorId, link.Author!.Name))
            .ToListAsync(cancellationToken);

    private static Task<List<FeedDayRow>> FeedDaysAsync(AppDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        db.DailyEntries.AsNoTracking().IgnoreQueryFilters()
            .Where(e => ids.Contains(e.PaperId))
            .Select(e => new FeedDayRow(e.PaperId, e.Day, e.SubmittedAt, e.SubmittedBy, e.SubmittedById != null))
            .ToListAsync(cancellationToken);

    /// <summary>Members' upvotes per paper (the imported count is the paper's own column).</summary>
    public static async Task<Dictionary<long, int>> LocalUpvotesAsync(this AppDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await db.PaperVotes.AsNoTracking()
            .Where(v => ids.Contains(v.PaperId))
            .GroupBy(v => v.PaperId)
            .Select(g => new { PaperId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PaperId, g => g.Count, cancellationToken);

    private static PaperView ToView(Paper paper, IReadOnlyList<AuthorView> authors, IReadOnlyList<FeedDay> days, int localUpvotes, int localComments) => new()
    {
        Id = paper.Id,
        ArxivId = paper.ArxivId,
        Version = paper.Version,
        Title = paper.Title,
        Abstract = paper.Abstract,
        Categories = paper.Categories,
        PrimaryCategory = paper.PrimaryCategory,
        PublishedAt = Utc(paper.PublishedAt),
        UpdatedAt = Utc(paper.UpdatedAt),
        CreatedAt = Utc(paper.CreatedAt),
        Comments = paper.Comments,
        JournalRef = paper.JournalRef,
        Doi = paper.Doi,
        CodeUrl = paper.CodeUrl,
        ProjectUrl = paper.ProjectUrl,
        GithubStars = paper.GithubStars,
        AiSummary = paper.AiSummary,
        AiKeywords = paper.AiKeywords,
        Upvotes = paper.Upvotes + localUpvotes,
        ImportedUpvotes = paper.Upvotes,
        NumComments = paper.NumComments + localComments,
        ImportedComments = paper.NumComments,
        Authors = authors,
        FeedDays = days,
    };

    /// <summary>SQLite hands back unspecified-kind times; every stored time is UTC, so say so (serializes with <c>Z</c>).</summary>
    public static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? time) => time is { } t ? Utc(t) : null;
}
