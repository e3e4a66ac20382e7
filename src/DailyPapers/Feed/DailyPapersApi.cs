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
        [Description("publishedAt (newest arXiv date first), trending (upvotes discounted by age) or upvotes (the default).")] string? sort,
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
        var page = period is { } span
            ? await entries.InPeriod(span).LoadPageAsync(query, clock.GetUtcNow(), cancellationToken)
            : DailyPage.Empty;

        var authors = await db.LoadAuthorsAsync([.. page.Rows.Select(r => r.Paper.Id).Distinct()], cancellationToken);
        List<DailyPaperDto> items = [.. page.Rows.Select(row => ToDto(row, authors[row.Paper.Id]))];
        Paging.SetHeaders(http.Response, page.Total, PageLinks(http.Request, query, period, page.Total));
        return TypedResults.Json(items, ApiJsonContext.Default.ListDailyPaperDto);
    }

    private static DailyPaperDto ToDto(DailyRow row, IEnumerable<PaperAuthorDto> authors) => new()
    {
        Paper = PaperDtos.ToDto<PaperDto>(row.Paper, authors, row.SubmittedAt, row.SubmittedBy),
        PublishedAt = PaperDtos.Utc(row.Paper.PublishedAt),
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
