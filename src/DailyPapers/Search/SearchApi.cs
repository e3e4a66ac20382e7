using System.ComponentModel;
using System.Globalization;
using DailyPapers.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Search;

/// <summary>Hugging Face's <c>/api/papers/search</c>, with paging, filters and sorts added beside the array it returns.</summary>
public static class SearchApi
{
    /// <summary>Hugging Face's cap; a client that sends no limit gets a full first page, as there.</summary>
    public const int DefaultLimit = 120;
    public const int MaxLimit = 120;

    /// <summary>Which lanes answered: <c>hybrid</c>, or <c>keyword</c> when the semantic lane could not.</summary>
    public const string ModeHeader = "X-Search-Mode";

    /// <summary>Why fewer lanes answered than asked, when they did.</summary>
    public const string ReasonHeader = "X-Search-Reason";

    /// <summary>How many papers of the catalog the search index has not caught up with yet, when any.</summary>
    public const string NotYetIndexedHeader = "X-Search-Not-Yet-Indexed";

    /// <summary>How many papers the semantic lane cannot find yet (not embedded, or not in this node's vector index).</summary>
    public const string NotYetEmbeddedHeader = "X-Search-Not-Yet-Embedded";

    /// <summary>
    /// <c>true</c> when X-Total-Count is a lower bound: more papers may pass the relevance floor than the
    /// lanes handed to ranking (X-Total-Count is then the results that can be paged through). Absent
    /// when X-Total-Count is exact.
    /// </summary>
    public const string TotalIsLowerBoundHeader = "X-Total-Count-Is-Lower-Bound";

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        // A literal segment outranks the /api/papers/{**arxivId} catch-all, so "search" is never read as an id.
        api.MapGet("/papers/search", SearchPapers)
            .WithName(nameof(SearchPapers))
            .WithTags("Papers")
            .CacheOutput(SearchCache.Api)
            .WithSummary("Search papers by words, meaning, title or arXiv id")
            .WithDescription(
                "An array in Hugging Face's search shape: each item has the paper object of /api/papers/{arxivId} under " +
                "\"paper\", plus publishedAt, title, summary and numComments. Ranking fuses keyword (BM25) and semantic " +
                "matches; a bare arXiv id or an exact title comes first. Papers below a relevance floor are not results, so an " +
                "off-topic or nonsense query answers [] with X-Total-Count: 0, and every sort orders the same relevant papers. " +
                "The total is in X-Total-Count: the same for the same query over the same catalog, and exact unless " +
                "X-Total-Count-Is-Lower-Bound: true says more papers may match than can be paged through. Next and previous " +
                "pages in the Link header, and the lanes that answered in X-Search-Mode (hybrid or keyword; X-Search-Reason " +
                "says why when keyword-only). While the search index is catching up with papers added or changed " +
                "in the catalog, X-Search-Not-Yet-Indexed says how many; while papers still wait for their embedding " +
                "(found by their words only), X-Search-Not-Yet-Embedded says how many.")
            .Produces<List<PaperSearchHitDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    public static async Task<Results<JsonHttpResult<List<PaperSearchHitDto>>, ProblemHttpResult>> SearchPapers(
        [Description("What to look for: words, a title or an arXiv id; 1 to 250 characters. Query syntax (quotes, AND, field:) is read as plain words.")] string? q,
        [Description("Only papers first published on arXiv on or after this day, YYYY-MM-DD.")] string? from,
        [Description("Only papers first published on arXiv on or before this day, YYYY-MM-DD.")] string? to,
        [Description("arXiv categories (cs.CL) or archives (cs); repeat the parameter or separate with commas. A paper matches with any of them.")] string[]? cat,
        [Description("1: only papers that have been on the daily feed.")] string? featured,
        [Description("relevance (the default), newest (arXiv publication) or upvotes.")] string? sort,
        [Description("0-based page number; default 0.")] string? p,
        [Description("Results per page, 1 to 120; default 120.")] string? limit,
        HttpContext http, SearchService search, CancellationToken cancellationToken)
    {
        if (!SearchParameters.TryParse(q, from, to, cat, featured, sort, SearchSort.Relevance, out var parameters, out var error)
            || !Paging.TryParsePage(p, out var page, out error)
            || !Paging.TryParseLimit(limit, DefaultLimit, MaxLimit, out var size, out error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        var result = await search.SearchAsync(new SearchRequest(parameters.Query)
        {
            Filters = parameters.Filters,
            Sort = parameters.Sort,
            Page = page,
            PageSize = size,
        }, cancellationToken);

        SearchCache.SkipIfDegraded(http, result);
        http.Response.Headers[ModeHeader] = result.Mode;
        if (result.Reason is { } reason)
        {
            http.Response.Headers[ReasonHeader] = reason;
        }
        if (result.PapersNotYetIndexed > 0)
        {
            http.Response.Headers[NotYetIndexedHeader] = result.PapersNotYetIndexed.ToString(CultureInfo.InvariantCulture);
        }
        if (result.PapersNotYetEmbedded > 0)
        {
            http.Response.Headers[NotYetEmbeddedHeader] = result.PapersNotYetEmbedded.ToString(CultureInfo.InvariantCulture);
        }
        if (result.TotalIsLowerBound)
        {
            http.Response.Headers[TotalIsLowerBoundHeader] = "true";
        }
        Paging.SetHeaders(http.Response, result.Total, PageLinks(http.Request, page, size, result.Total));
        List<PaperSearchHitDto> items = [.. result.Hits.Select(hit => PaperSearchHitDto.From(hit.Paper, http.Request))];
        return TypedResults.Json(items, ApiJsonContext.Default.ListPaperSearchHitDto);
    }

    private static IEnumerable<(string Url, string Rel)> PageLinks(HttpRequest request, int page, int size, int total)
    {
        if ((long)(page + 1) * size < total)
        {
            yield return (RequestUrls.WithQuery(request, ("p", (page + 1).ToString(CultureInfo.InvariantCulture))), "next");
        }
        if (page > 0)
        {
            yield return (RequestUrls.WithQuery(request, ("p", (page - 1).ToString(CultureInfo.InvariantCulture))), "prev");
        }
    }
}
