using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

/// <summary>Members' upvotes of one paper per day (UTC), oldest first, for the paper page's sparkline.</summary>
public sealed record VoteHistory(DateOnly First, IReadOnlyList<int> PerDay)
{
    public const int Days = 30;

    public int Total => PerDay.Sum();

    public static async Task<VoteHistory> LoadAsync(AppDbContext db, long paperId, DateOnly today, CancellationToken cancellationToken)
    {
        var first = today.AddDays(-(Days - 1));
        var since = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var times = await db.PaperVotes.AsNoTracking()
            .Where(v => v.PaperId == paperId && v.CreatedAt >= since)
            .Select(v => v.CreatedAt)
            .ToListAsync(cancellationToken);
        var perDay = new int[Days];
        foreach (var time in times)
        {
            var index = DateOnly.FromDateTime(time).DayNumber - first.DayNumber;
            if (index is >= 0 and < Days)
            {
                perDay[index]++;
            }
        }
        return new VoteHistory(first, perDay);
    }
}
