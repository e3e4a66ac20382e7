using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Search;
using DailyPapers.Web;

namespace DailyPapers;

/// <summary>
/// <c>/papers</c>, the one address two features share: the latest feed day, or, as on Hugging Face,
/// search results when it carries a query. Composed here, beside <c>Program</c>, so that neither the
/// feed nor search knows the other's pages.
/// </summary>
public static class PapersRoute
{
    public static IEndpointRouteBuilder MapPapersRoute(this IEndpointRouteBuilder app)
    {
        // Search's cache policy: it varies by every search key, which covers the feed's sort and p too.
        app.MapGroup("").ExcludeFromDescription().CacheOutput(SearchCache.Pages, excludeDefaultPolicy: true)
            .MapPage("/papers", ShowPapersPage);
        return app;
    }

    public static async Task<IResult> ShowPapersPage(
        string? q, string? from, string? to, string[]? cat, string? featured, string? sort, string? p,
        HttpContext http, SearchService search, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(q)
            ? await FeedPages.ShowLatestDayPage(sort, p, db, clock, cancellationToken)
            : await SearchPages.ShowSearchPage(q, from, to, cat, featured, sort, p, http, search, cancellationToken);
}
