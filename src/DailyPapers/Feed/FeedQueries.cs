using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Feed;

public static class FeedQueries
{
    public static IQueryable<DailyEntry> InPeriod(this IQueryable<DailyEntry> entries, FeedPeriod period) =>
        entries.Where(e => e.Day >= period.Start && e.Day <= period.Last);

    /// <summary>The most recent feed day that has papers, if any.</summary>
    public static async Task<DateOnly?> LatestDayAsync(this IQueryable<DailyEntry> entries, CancellationToken cancellationToken) =>
        await entries.OrderByDescending(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The nearest day with papers before <paramref name="day"/>, for "previous" links that skip empty days.</summary>
    public static async Task<DateOnly?> DayWithPapersBeforeAsync(this IQueryable<DailyEntry> entries, DateOnly day, CancellationToken cancellationToken) =>
        await entries.Where(e => e.Day < day).OrderByDescending(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The nearest day with papers after <paramref name="day"/>.</summary>
    public static async Task<DateOnly?> DayWithPapersAfterAsync(this IQueryable<DailyEntry> entries, DateOnly day, CancellationToken cancellationToken) =>
        await entries.Where(e => e.Day > day).OrderBy(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken);
}
