using System.ComponentModel;
using DailyPapers.Api;
using DailyPapers.Feed;
using DailyPapers.Papers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Search;

/// <summary>
/// <c>/papers/search.atom</c>: a search as an Atom feed. A feed reader follows a search to learn of
/// new papers that match it, so the feed lists the newest matches first unless <c>sort</c> says
/// otherwise; with relevance order a new paper would only show up once it outranked older ones.
/// </summary>
public static class SearchFeed
{
    /// <summary>Entries per feed: readers poll often and keep what they have seen.</summary>
    public const int Entries = 50;

    public static IEndpointRouteBuilder MapSearchFeed(this IEndpointRouteBuilder app)
    {
        // The literal path outranks the paper page's /papers/{**arxivId} catch-all.
        app.MapGet("/papers/search.atom", ShowSearchFeed)
            .WithName(nameof(ShowSearchFeed))
            .WithTags("Feeds")
            .CacheOutput(SearchCache.Api)
            .WithSummary("Atom feed of a search")
            .WithDescription(
                $"The {Entries} newest papers matching the search (or the best, with sort=relevance), with the same " +
                "q, from, to, cat, featured and sort parameters as /search and /api/papers/search, and a digest's xcat " +
                "(categories or archives to leave out), kw and xkw (whole words of title or abstract to require or leave out).")
            .Produces<string>(StatusCodes.Status200OK, AtomWriter.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ShowSearchFeed(
        [Description("What to look for, 1 to 250 characters.")] string? q,
        [Description("Only papers first published on arXiv on or after this day, YYYY-MM-DD.")] string? from,
        [Description("Only papers first published on arXiv on or before this day, YYYY-MM-DD.")] string? to,
        [Description("arXiv categories or archives, repeated or comma-separated.")] string[]? cat,
        [Description("1: only papers that have been on the daily feed.")] string? featured,
        [Description("newest (the default here), relevance or upvotes.")] string? sort,
        [Description("Leave out papers in any of these arXiv categories or archives.")] string[]? xcat,
        [Description("Only papers whose title or abstract has one of these keywords (whole words, any case).")] string[]? kw,
        [Description("Leave out papers whose title or abstract has any of these keywords.")] string[]? xkw,
        HttpContext http, SearchService search, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!SearchParameters.TryParse(q, from, to, cat, featured, sort, SearchSort.Newest, out var parameters, out var error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        // cat is the search's own filter (above); the topic filter adds the rest.
        if (!TopicFilter.TryFromQuery(null, xcat, kw, xkw, out var topics, out error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        var result = await search.SearchAsync(new SearchRequest(parameters.Query)
        {
            Filters = parameters.Filters,
            Sort = parameters.Sort,
            // Room for the topic filter to leave papers out and still fill the feed.
            PageSize = topics.IsEmpty ? Entries : Entries * 4,
        }, cancellationToken);
        SearchCache.SkipIfDegraded(http, result);

        var request = http.Request;
        List<AtomEntry> entries = [.. result.Hits.Where(hit => topics.Passes(hit.Paper.Categories, hit.Paper.Title, hit.Paper.Abstract))
            .Take(Entries).Select(hit => ToEntry(hit.Paper, request))];
        var topicQuery = QueryString.Create(topics.ToQuery()).Value?.TrimStart('?') ?? "";
        var query = parameters.ToQueryString() + (topicQuery.Length > 0 ? "&" + topicQuery : "");
        var self = RequestUrls.Absolute(request, "/papers/search.atom") + "?" + query;
        var page = RequestUrls.Absolute(request, "/search") + "?" + parameters.ToQueryString();
        // A feed's updated is its newest entry's; an empty feed has no such time, so it is "now".
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : clock.GetUtcNow().UtcDateTime;
        var feed = new AtomFeed(self, $"DailyPapers: search for \u201c{parameters.Query.Trim()}\u201d", updated, self, page, entries);
        return TypedResults.Bytes(AtomWriter.Write(feed), AtomWriter.ContentType);
    }

    /// <summary>
    /// Updated is the paper's latest arXiv version (or first, or when it was stored here): it changes
    /// only when the paper does, so a reader does not show an entry as new on every poll.
    /// </summary>
    private static AtomEntry ToEntry(PaperView paper, HttpRequest request)
    {
        var url = RequestUrls.Absolute(request, PaperLinks.PagePath(paper.ArxivId));
        var published = paper.PublishedAt;
        var updated = paper.UpdatedAt ?? published ?? paper.CreatedAt;
        if (published > updated)
        {
            updated = published.Value;
        }
        // Atom text is plain text: feed readers show LaTeX as written, so the readable form of any math.
        return new AtomEntry(url, PlainMath.Of(paper.Title), updated, published, url, ArxivId.AbsUrl(paper.ArxivId),
            [.. paper.AuthorNames],
            PlainMath.Of(paper.Abstract), paper.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
