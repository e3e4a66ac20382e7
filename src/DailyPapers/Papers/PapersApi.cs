using System.ComponentModel;
using DailyPapers.Api;
using DailyPapers.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

/// <summary>Hugging Face's <c>/api/papers</c>: one paper by arXiv id, and the whole catalog by cursor.</summary>
public static class PapersApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapPapersApi(this RouteGroupBuilder api)
    {
        var papers = api.MapGroup("/papers").WithTags("Papers");
        papers.MapGet("", ListPapers)
            .WithName(nameof(ListPapers))
            .WithSummary("All papers, newest arXiv publication first, by cursor")
            .WithDescription(
                "An array of paper objects. Follow the Link header's rel=\"next\" URL (it carries an opaque cursor) " +
                "until there is none; the total is in the X-Total-Count header.")
            .Produces<List<PaperDetailDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        // A catch-all, because old-style ids contain a slash: /api/papers/hep-th/9901001.
        papers.MapGet("/{**arxivId}", GetPaper)
            .WithName(nameof(GetPaper))
            .WithSummary("One paper by arXiv id")
            .WithDescription(
                "Accepts both id schemes (2405.15738, hep-th/9901001), with or without a version (v2). " +
                "Unknown ids answer 404, malformed ones 400.")
            .Produces<PaperDetailDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<JsonHttpResult<PaperDetailDto>, ProblemHttpResult>> GetPaper(
        [Description("arXiv id in either scheme, optionally with a version: 2405.15738, 2405.15738v2, hep-th/9901001.")] string? arxivId,
        HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        // A slash sent as %2F stays encoded in the path; accept it like a literal slash.
        var text = Uri.UnescapeDataString(arxivId ?? "");
        if (!ArxivId.TryParse(text, out var id, out _, out var reason))
        {
            return ApiProblems.InvalidParameter("arxivId", ArxivIdProblem(text, reason));
        }
        if (await db.LoadPaperViewAsync(id, cancellationToken) is not { } paper)
        {
            return ApiProblems.NotFound(NotInCatalog(id));
        }
        return TypedResults.Json(PaperDtos.ToDetailDto(paper, http.Request), ApiJsonContext.Default.PaperDetailDto);
    }

    public static async Task<Results<JsonHttpResult<List<PaperDetailDto>>, ProblemHttpResult>> ListPapers(
        [Description("Opaque position from a previous page's Link rel=\"next\" URL; omit for the first page.")] string? cursor,
        [Description("Papers per page, 1 to 100; default 50.")] string? limit,
        HttpContext http, AppDbContext db, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        if (!Paging.TryParseLimit(limit, DefaultLimit, MaxLimit, out var size, out var error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        PaperKey? after = null;
        if (!string.IsNullOrEmpty(cursor) && !PaperCursor.TryDecode(protection, cursor, out after))
        {
            return ApiProblems.InvalidParameter("cursor",
                "Invalid cursor: pass the cursor from a previous page's Link rel=\"next\" URL unchanged, or omit it for the first page.");
        }
        var papers = db.Papers.AsNoTracking();
        var page = await papers.NewestFirstAfterAsync(after, size + 1, cancellationToken);
        var hasMore = page.Count > size;
        if (hasMore)
        {
            page.RemoveAt(size);
        }
        var total = await papers.CountAsync(cancellationToken);
        var items = PaperDtos.ToDetailDtos(await db.LoadPaperViewsAsync([.. page.Select(p => p.Id)], cancellationToken), http.Request);

        List<(string Url, string Rel)> links = hasMore
            ? [(RequestUrls.WithQuery(http.Request, ("cursor", PaperCursor.Encode(protection, new(page[^1].PublishedAt, page[^1].Id)))), "next")]
            : [];
        Paging.SetHeaders(http.Response, total, links);
        return TypedResults.Json(items, ApiJsonContext.Default.ListPaperDetailDto);
    }

    public static string NotInCatalog(string id) => $"No paper with arXiv id {id} is in the catalog.";

    /// <summary>The 400 message for a path that is not an arXiv id, saying which part is wrong.</summary>
    public static string ArxivIdProblem(string text, string reason) =>
        $"Invalid arXiv id '{text}': {reason}. Expected a new-style id such as 2405.15738 or an old-style one such as hep-th/9901001, optionally with a version (v2).";
}
