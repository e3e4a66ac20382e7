using System.ComponentModel;
using DailyPapers.Api;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Feed;

/// <summary>Atom 1.0 feeds of the daily feed: the latest days, and any one day.</summary>
public static class AtomFeeds
{
    /// <summary>How many of the latest days with papers <c>/papers.atom</c> carries: enough for a reader polling daily to miss nothing over a weekend.</summary>
    public const int LatestDays = 3;

    public static IEndpointRouteBuilder MapAtomFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("").WithTags("Feeds").CacheOutput(ApiCache.Policy);
        feeds.MapGet("/papers.atom", ShowLatestFeed)
            .WithName(nameof(ShowLatestFeed))
            .WithSummary("Atom feed of the latest days with papers")
            .WithDescription($"Papers of the last {LatestDays} days that have papers, newest first; one entry per paper. " +
                "cat/xcat (arXiv categories or whole archives such as cs) and kw/xkw (whole words of title or abstract) include and exclude, as a digest subscription does.")
            .Produces<string>(StatusCodes.Status200OK, AtomWriter.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        feeds.MapGet("/papers/date/{day}.atom", ShowDayFeed)
            .WithName(nameof(ShowDayFeed))
            .WithSummary("Atom feed of one feed day")
            .WithDescription("Papers put on the feed on that day, newest first. A day without papers is an empty feed.")
            .Produces<string>(StatusCodes.Status200OK, AtomWriter.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ShowLatestFeed(
        [Description("Only papers in one of these arXiv categories or archives, repeated or comma-separated.")] string[]? cat,
        [Description("Leave out papers in any of these categories or archives.")] string[]? xcat,
        [Description("Only papers whose title or abstract has one of these keywords (whole words, any case).")] string[]? kw,
        [Description("Leave out papers whose title or abstract has any of these keywords.")] string[]? xkw,
        HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TopicFilter.TryFromQuery(cat, xcat, kw, xkw, out var filter, out var error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        var days = await db.DailyEntries.Select(e => e.Day).Distinct().OrderByDescending(d => d)
            .Take(LatestDays).ToListAsync(cancellationToken);
        List<AtomEntry> entries = [];
        if (days.Count > 0)
        {
            var oldest = days[^1];
            entries = await LoadEntriesAsync(db, db.DailyEntries.Where(e => e.Day >= oldest), http.Request, cancellationToken, filter);
        }
        var query = QueryString.Create(filter.ToQuery()).Value ?? "";
        var feed = NewFeed(http.Request, filter.IsEmpty ? "DailyPapers: latest papers" : "DailyPapers: latest papers (filtered)", "/papers.atom", "/", entries, clock, query);
        return TypedResults.Bytes(AtomWriter.Write(feed), AtomWriter.ContentType);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ShowDayFeed(
        [Description("The feed day, YYYY-MM-DD.")] string day,
        HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!FeedPeriod.TryParseDay(day, out var period, out var error))
        {
            return ApiProblems.InvalidParameter("day", error);
        }
        var entries = await LoadEntriesAsync(db, db.DailyEntries.InPeriod(period), http.Request, cancellationToken);
        var feed = NewFeed(http.Request, "DailyPapers: papers of " + period.Label, $"/papers/date/{period.Slug}.atom", period.PagePath, entries, clock);
        return TypedResults.Bytes(AtomWriter.Write(feed), AtomWriter.ContentType);
    }

    private static AtomFeed NewFeed(HttpRequest request, string title, string selfPath, string alternatePath, List<AtomEntry> entries, TimeProvider clock, string query = "")
    {
        var self = RequestUrls.Absolute(request, selfPath) + query;
        // A feed's updated is its newest entry's; an empty feed has no such time, so it is "now".
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : clock.GetUtcNow().UtcDateTime;
        return new AtomFeed(self, title, updated, self, RequestUrls.Absolute(request, alternatePath), entries);
    }

    /// <summary>
    /// Entries newest first. A paper on several of the days is one entry, its latest appearance:
    /// entries sharing an id are the same entry to a feed reader (RFC 4287, 4.1.1).
    /// </summary>
    private static async Task<List<AtomEntry>> LoadEntriesAsync(
        AppDbContext db, IQueryable<DailyEntry> entries, HttpRequest request, CancellationToken cancellationToken, TopicFilter? filter = null)
    {
        var rows = await db.LoadFeedRowsAsync(
            entries.AsNoTracking().OrderByDescending(e => e.Day).ThenByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id),
            cancellationToken);
        filter ??= TopicFilter.None;
        return [.. rows.DistinctBy(r => r.Paper.Id)
            .Where(r => filter.Passes(r.Paper.Categories, r.Paper.Title, r.Paper.Abstract))
            .Select(row => ToEntry(row, request))];
    }

    private static AtomEntry ToEntry(FeedRow row, HttpRequest request)
    {
        var paper = row.Paper;
        var page = RequestUrls.Absolute(request, PaperLinks.PagePath(paper.ArxivId));
        var published = paper.PublishedAt;
        // Updated is when the paper reached the feed; an arXiv date after that (bad source data) must not make updated < published.
        var updated = row.SubmittedAt;
        if (published > updated)
        {
            updated = published.Value;
        }
        // Atom text is plain text: feed readers show LaTeX as written, so the readable form of any math.
        return new AtomEntry(page, PlainMath.Of(paper.Title), updated, published, page, ArxivId.AbsUrl(paper.ArxivId), [.. paper.AuthorNames],
            PlainMath.Of(paper.Abstract), paper.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
