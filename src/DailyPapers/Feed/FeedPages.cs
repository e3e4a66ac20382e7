using DailyPapers.Data;
using DailyPapers.Feed.Views;
using DailyPapers.Papers;
using DailyPapers.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FeedPageResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<DailyPapers.Feed.Views.FeedPage>,
    Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<DailyPapers.Web.Views.ErrorPage>>;

namespace DailyPapers.Feed;

/// <summary>The feed's HTML pages: the latest day, and any day, ISO week or month.</summary>
public static class FeedPages
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapFeedPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapPageGroup();
        pages.MapPage("/", ShowLatestDayPage);
        // /papers (the latest day, or search results with ?q=) is mapped by PapersRoute.
        pages.MapPage("/papers/date/{day}", ShowDayPage);
        pages.MapPage("/papers/week/{week}", ShowWeekPage);
        pages.MapPage("/papers/month/{month}", ShowMonthPage);
        pages.MapPage("/about/trending", () => new RazorComponentResult<AboutTrendingPage>());
        return app;
    }

    /// <summary>Renders the latest day that has papers in place (no redirect), today when there are none yet.</summary>
    public static async Task<FeedPageResult> ShowLatestDayPage(
        string? sort, string? p, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var latest = await db.DailyEntries.LatestDayAsync(cancellationToken)
            ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await ShowPeriodAsync(FeedPeriod.ForDay(latest), sort, p, db, clock, cancellationToken);
    }

    public static async Task<FeedPageResult> ShowDayPage(
        string day, string? sort, string? p, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedPeriod.TryParseDay(day, out var period, out var error)
            ? await ShowPeriodAsync(period, sort, p, db, clock, cancellationToken)
            : ErrorPages.BadRequest(error);

    public static async Task<FeedPageResult> ShowWeekPage(
        string week, string? sort, string? p, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedPeriod.TryParseWeek(week, out var period, out var error)
            ? await ShowPeriodAsync(period, sort, p, db, clock, cancellationToken)
            : ErrorPages.BadRequest(error);

    public static async Task<FeedPageResult> ShowMonthPage(
        string month, string? sort, string? p, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedPeriod.TryParseMonth(month, out var period, out var error)
            ? await ShowPeriodAsync(period, sort, p, db, clock, cancellationToken)
            : ErrorPages.BadRequest(error);

    /// <summary>
    /// Small indexed queries: count, the page of entries, their papers with authors and feed days
    /// (<see cref="PaperViews"/>), the neighbouring days with papers, and the latest day inside a
    /// week or month.
    /// </summary>
    private static async Task<FeedPageResult> ShowPeriodAsync(
        FeedPeriod period, string? sortText, string? pageText, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!FeedSorts.TryParse(sortText, out var sort, out var sortError))
        {
            return ErrorPages.BadRequest(sortError.Message);
        }
        if (!Pager.TryParsePage(pageText, out var page, out var pageError))
        {
            return ErrorPages.BadRequest(pageError);
        }
        var entries = db.DailyEntries.AsNoTracking();
        var inPeriod = entries.InPeriod(period);
        var pager = new Pager(page, PageSize, await inPeriod.CountAsync(cancellationToken));
        if (!pager.IsInRange)
        {
            return ErrorPages.BadRequest(pager.OutOfRangeMessage);
        }
        var now = clock.GetUtcNow();
        var items = await db.LoadFeedPageAsync(inPeriod, sort, pager.Skip, PageSize, now, cancellationToken);
        var previousDay = await entries.DayWithPapersBeforeAsync(period.Start, cancellationToken);
        var nextDay = await entries.DayWithPapersAfterAsync(period.Last, cancellationToken);
        var anchorDay = period.Kind == PeriodKind.Day
            ? period.Start
            : await inPeriod.LatestDayAsync(cancellationToken) ?? period.Start;
        var model = new FeedPageModel(period, sort, pager, items, previousDay, nextDay, anchorDay, now);
        return new RazorComponentResult<FeedPage>(new Dictionary<string, object?> { [nameof(FeedPage.Model)] = model });
    }
}
