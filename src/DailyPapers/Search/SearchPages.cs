using DailyPapers.Papers;
using DailyPapers.Search.Views;
using DailyPapers.Web;
using DailyPapers.Web.Views;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Search;

/// <summary>The search results page, at <c>/search?q=</c> (and <c>/papers?q=</c>, see <see cref="PapersRoute"/>).</summary>
public static class SearchPages
{
    public const int PageSize = 100;

    public static IEndpointRouteBuilder MapSearchPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().CacheOutput(SearchCache.Pages, excludeDefaultPolicy: true);
        pages.MapPage("/search", ShowSearchPage);
        return app;
    }

    public static async Task<Results<RazorComponentResult<SearchPage>, RazorComponentResult<SearchStartPage>, RedirectHttpResult, RazorComponentResult<ErrorPage>>> ShowSearchPage(
        string? q, string? from, string? to, string[]? cat, string? featured, string? sort, string? p,
        HttpContext http, SearchService search, CancellationToken cancellationToken)
    {
        if (SafeText.Clean(q) is null)
        {
            // Nothing to search for (no query, or none once the text door removed what is not text): the form.
            return new RazorComponentResult<SearchStartPage>();
        }
        if (!SearchParameters.TryParse(q, from, to, cat, featured, sort, SearchSort.Relevance, out var parameters, out var error))
        {
            return ErrorPages.BadRequest(error.Message);
        }
        if (!Pager.TryParsePage(p, out var page, out var pageError))
        {
            return ErrorPages.BadRequest(pageError);
        }
        var result = await search.SearchAsync(new SearchRequest(parameters.Query)
        {
            Filters = parameters.Filters,
            Sort = parameters.Sort,
            Page = page - 1,
            PageSize = PageSize,
        }, cancellationToken);
        if (result is { ArxivId: { } arxivId, Hits: [var only] } && page == 1)
        {
            // A query that names a paper the catalog holds (its id, an arXiv or Hugging Face URL) opens it.
            return TypedResults.Redirect(PaperLinks.PagePath(only.Paper.ArxivId));
        }
        var pager = new Pager(page, PageSize, result.Total);
        if (!pager.IsInRange)
        {
            var last = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/search?{parameters.ToQueryString()}&p={pager.PageCount}");
            return ErrorPages.NotFound("No more results",
                $"There is no page {page} of results for \u201c{parameters.Query}\u201d: they end on page {pager.PageCount}.",
                (pager.PageCount > 1 ? last : "/search?" + parameters.ToQueryString(), "Back to the last page of results"));
        }
        SearchCache.SkipIfDegraded(http, result);
        var model = new SearchPageModel(parameters, result, pager, HighlightTerms.For(parameters.Query))
        {
            TotalIsLowerBound = result.TotalIsLowerBound,
        };
        return new RazorComponentResult<SearchPage>(new Dictionary<string, object?> { [nameof(SearchPage.Model)] = model });
    }
}
