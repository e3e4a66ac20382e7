using System.ComponentModel;
using System.Globalization;
using DailyPapers.Api;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Feed;

/// <summary>Hugging Face's <c>/api/daily_papers</c>, with the same parameters and item shape.</summary>
public static class DailyPapersApi
{
    public static RouteGroupBuilder MapDailyPapersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/daily_papers", ListDailyPapers)
            .WithName(nameof(ListDailyPapers))
            .WithTags("Daily papers")
            .WithSummary("Papers on the daily feed for a day, an ISO week or a month")
            .WithDescription(
                "An array of daily entries in Hugging Face's shape. Without date, week or month: the latest day " +
                "with papers. Default order: most upvotes first. The total is in the X-Total-Count header; " +
                "a Link header carries rel=\"next\" and rel=\"prev\" page URLs.")
            .Produces<List<DailyPaperDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    public static async Task<Results<JsonHttpResult<List<DailyPaperDto>>, ProblemHttpResult>> ListDailyPapers(
        [Description("A feed day, YYYY-MM-DD. At most one of date, week and month.")] string? date,
        [Description("An ISO week, YYYY-Www (Monday to Sunday), for example 2024-W31.")] string? week,
        [Description("A calendar month, YYYY-MM.")] string? month,
        [Description("Only papers put on the feed by this user name.")] string? submitter,
        [Description("upvotes (the default), newest (latest on the feed first), trending (upvotes discounted by time on the feed) or publishedAt (newest arXiv publication first, the date in each item's publishedAt).")] string? sort,
        [Description("0-based page number; default 0.")] string? p,
        [Description("Items per page, 1 to 100; default 50.")] string? limit,
        HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!DailyPapersQuery.TryParse(date, week, month, submitter, sort, p, limit, out var query, out var error))
        {
            return ApiProblems.InvalidParameter(error);
        }
        var entries = db.DailyEntries.AsNoTracking();
        if (query.Submitter is { } name)
        {
            entries = entries.Where(e => e.SubmittedBy == name);
        }
        var period = query.Period;
        if (period is null && await entries.LatestDayAsync(cancellationToken) is { } latest)
        {
            period = FeedPeriod.ForDay(latest);
        }
        var (rows, total) = period is { } span
            ? await LoadPageAsync(db, entries.InPeriod(span), query, clock.GetUtcNow(), cancellationToken)
            : ([], 0);

        List<DailyPaperDto> items = [.. rows.Select(ToDto)];
        Paging.SetHeaders(http.Response, total, PageLinks(http.Request, query, period, total));
        return TypedResults.Json(items, ApiJsonContext.Default.ListDailyPaperDto);
    }

    private static async Task<(List<FeedRow> Rows, int Total)> LoadPageAsync(
        AppDbContext db, IQueryable<DailyEntry> entries, DailyPapersQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var offset = (long)query.Page * query.Limit;
        var rows = await db.LoadFeedPageAsync(entries, query.Sort, offset, query.Limit, now, cancellationToken);
        // A short, non-empty page is the last one and so also tells the total: most days fit on one
        // page, which saves the count query on the busiest request.
        var total = rows.Count > 0 && rows.Count < query.Limit
            ? (int)offset + rows.Count
            : await entries.CountAsync(cancellationToken);
        return (rows, total);
    }

    private static DailyPaperDto ToDto(FeedRow row) => new()
    {
        Paper = PaperDtos.ToDto<PaperDto>(row.Paper, row.SubmittedAt, row.SubmittedBy),
        PublishedAt = row.Paper.PublishedAt,
        Title = row.Paper.Title,
        Summary = row.Paper.Abstract,
        NumComments = row.Paper.NumComments,
        SubmittedBy = PaperDtos.Submitter(row.SubmittedBy),
    };

    /// <summary>
    /// Next and previous page URLs. When the request named no period, the links name the day that
    /// was served, so a new feed day arriving between two requests cannot shift the pages.
    /// </summary>
    private static IEnumerable<(string Url, string Rel)> PageLinks(HttpRequest request, DailyPapersQuery query, FeedPeriod? period, int total)
    {
        List<(string Name, string Value)> pinned = query.Period is null && period is { } day ? [("date", day.Slug)] : [];
        if ((long)(query.Page + 1) * query.Limit < total)
        {
            yield return (RequestUrls.WithQuery(request, [.. pinned, ("p", (query.Page + 1).ToString(CultureInfo.InvariantCulture))]), "next");
        }
        if (query.Page > 0)
        {
            yield return (RequestUrls.WithQuery(request, [.. pinned, ("p", (query.Page - 1).ToString(CultureInfo.InvariantCulture))]), "prev");
        }
    }
}
