using System.ComponentModel;
using DailyPapers.Api;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Search;

/// <summary><c>/api/papers/{arxivId}/similar</c>: the papers most like one paper.</summary>
public static class SimilarPapersApi
{
    /// <summary>What answered: <c>embedding</c> (nearest neighbours), <c>keywords</c> (the paper has no embedding yet) or <c>none</c>.</summary>
    public const string SourceHeader = "X-Similar-Source";

    public static RouteGroupBuilder MapSimilarPapersApi(this RouteGroupBuilder api)
    {
        var similar = api.MapGroup("/papers").WithTags("Papers").CacheOutput(SearchCache.Api);
        similar.MapGet("/{arxivId}/similar", GetSimilarPapers)
            .WithName(nameof(GetSimilarPapers))
            .WithSummary("Papers similar to one paper")
            .WithDescription(
                "An array of paper objects (as /api/papers/{arxivId}), most similar first, never the paper itself. " +
                "Similarity is the distance between the papers' embeddings; for a paper not embedded yet it is a keyword " +
                "search for its most telling words. The X-Similar-Source header says which: embedding, keywords or none. " +
                "Unknown ids answer 404, malformed ones 400.")
            .Produces<List<PaperDetailDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Old-style ids hold a slash (hep-th/9901001), which a single route segment cannot.
        similar.MapGet("/{archive}/{number}/similar", GetSimilarPapersOldStyle).ExcludeFromDescription();
        return api;
    }

    public static async Task<Results<JsonHttpResult<List<PaperDetailDto>>, ProblemHttpResult>> GetSimilarPapers(
        [Description("arXiv id in either scheme, optionally with a version: 2405.15738, hep-th/9901001 (slash as %2F or literal).")] string arxivId,
        [Description("How many papers, 1 to 50; default 10.")] string? limit,
        HttpContext http, AppDbContext db, SimilarPapers similar, CancellationToken cancellationToken)
    {
        var text = Uri.UnescapeDataString(arxivId);
        if (!ArxivId.TryParse(text, out var id, out _, out var reason))
        {
            return ApiProblems.InvalidParameter("arxivId", PapersApi.ArxivIdProblem(text, reason));
        }
        if (!Paging.TryParseLimit(limit, SimilarPapers.DefaultCount, SimilarPapers.MaxCount, out var count, out var error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        if (await db.LoadPaperViewAsync(id, cancellationToken) is not { } paper)
        {
            return ApiProblems.NotFound(PapersApi.NotInCatalog(id));
        }
        var result = await similar.FindAsync(paper, count, cancellationToken);
        http.Response.Headers[SourceHeader] = result.Source.ToString().ToLowerInvariant();
        return TypedResults.Json(PaperDtos.ToDetailDtos(result.Papers, http.Request), ApiJsonContext.Default.ListPaperDetailDto);
    }

    public static Task<Results<JsonHttpResult<List<PaperDetailDto>>, ProblemHttpResult>> GetSimilarPapersOldStyle(
        string archive, string number, string? limit, HttpContext http, AppDbContext db, SimilarPapers similar, CancellationToken cancellationToken) =>
        GetSimilarPapers(archive + "/" + number, limit, http, db, similar, cancellationToken);
}
