using DailyPapers.Comments;
using DailyPapers.Data;
using DailyPapers.Papers.Views;
using DailyPapers.Web;
using DailyPapers.Web.Views;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

/// <summary>A paper's page and an author's page.</summary>
public static class PaperPages
{
    public const int AuthorPageSize = 50;

    public static IEndpointRouteBuilder MapPaperPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapPageGroup();
        // A catch-all, because old-style ids contain a slash (/papers/hep-th/9901001). The feed's
        // literal routes (/papers/date/..., /papers/week/...) take precedence over it.
        pages.MapPage("/papers/{**arxivId}", ShowPaperPage);
        pages.MapPage("/authors/{name}", ShowAuthorPage);
        return app;
    }

    /// <summary>Takes the id in any accepted spelling (with a version, <c>arXiv:</c> prefix, old or new scheme).</summary>
    public static async Task<Results<RazorComponentResult<PaperPage>, RazorComponentResult<ErrorPage>>> ShowPaperPage(
        string? arxivId, AppDbContext db, ISimilarPapers similar, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ArxivId.TryParse(arxivId, out var id, out _, out var reason))
        {
            return ErrorPages.NotFound("Paper not found",
                $"'{arxivId}' is not an arXiv identifier ({reason}). Expected one like 2405.15738 or hep-th/9901001, optionally with a version such as v2.");
        }
        var paper = await db.LoadPaperViewAsync(id, cancellationToken);
        if (paper is null)
        {
            return await db.Papers.IgnoreQueryFilters().ByArxivId(id).AnyAsync(p => p.HiddenAt != null, cancellationToken)
                ? ErrorPages.Page(StatusCodes.Status410Gone, "Hidden by the moderators", $"arXiv:{id} was hidden by the moderators; the moderation log says why.", ("/moderation", "Moderation log"))
                : ErrorPages.NotFound("Paper not found", $"arXiv:{id} is not in this catalog yet.", (ArxivId.AbsUrl(id), "View it on arXiv"));
        }
        var similarPapers = await similar.FindAsync(paper, ISimilarPapers.DefaultCount, cancellationToken);
        var votes = await VoteHistory.LoadAsync(db, paper.Id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        // Loaded here, not by the comments component: components render concurrently, and the
        // request's one DbContext takes one query at a time.
        var comments = await db.LoadCommentsAsync(paper.Id, cancellationToken);
        return new RazorComponentResult<PaperPage>(new Dictionary<string, object?>
        {
            [nameof(PaperPage.Paper)] = paper,
            [nameof(PaperPage.Votes)] = votes,
            [nameof(PaperPage.Similar)] = similarPapers,
            [nameof(PaperPage.Comments)] = comments,
        });
    }

    public static async Task<Results<RazorComponentResult<AuthorPage>, RazorComponentResult<ErrorPage>>> ShowAuthorPage(
        string name, string? p, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!Pager.TryParsePage(p, out var page, out var pageError))
        {
            return ErrorPages.BadRequest(pageError);
        }
        // Servers leave an encoded slash encoded in the path (it would otherwise split the segment),
        // so the name in a link to "LIGO/Virgo Collaboration" arrives as "LIGO%2FVirgo Collaboration".
        name = name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var papers = db.Papers.AsNoTracking().ByAuthor(name);
        var total = await papers.CountAsync(cancellationToken);
        if (total == 0)
        {
            return ErrorPages.NotFound("Author not found", $"No paper in this catalog lists an author named '{name}'. Names must match exactly as printed on the paper.");
        }
        var pager = new Pager(page, AuthorPageSize, total);
        if (!pager.IsInRange)
        {
            return ErrorPages.BadRequest(pager.OutOfRangeMessage);
        }
        var ids = await papers.Skip(pager.Skip).Take(AuthorPageSize).Select(p => p.Id).ToListAsync(cancellationToken);
        List<PaperCard> cards = [.. (await db.LoadPaperViewsAsync(ids, cancellationToken)).Select(PaperCard.From)];
        return new RazorComponentResult<AuthorPage>(new Dictionary<string, object?>
        {
            [nameof(AuthorPage.Name)] = name,
            [nameof(AuthorPage.Papers)] = cards,
            [nameof(AuthorPage.Pager)] = pager,
        });
    }
}
