using System.Globalization;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Ingest;

/// <summary>
/// The latest Hugging Face feed day harvested into this catalog (<c>job_cursors</c>, key
/// <c>harvest:hf</c>), by any run. The scheduled harvest continues from it after a site was down;
/// it only ever moves forward, so fetching an old day again does not pull it back.
/// </summary>
public static class HfHarvestCursor
{
    public const string Key = "harvest:hf";

    public static async Task<DateOnly?> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var value = await db.JobCursors.AsNoTracking().Where(c => c.Name == Key).Select(c => c.Value).SingleOrDefaultAsync(cancellationToken);
        return Days.TryParse(value, out var day) ? day : null;
    }

    public static async Task AdvanceAsync(AppDbContext db, DateOnly day, DateTime now, CancellationToken cancellationToken)
    {
        var value = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var row = await db.JobCursors.SingleOrDefaultAsync(c => c.Name == Key, cancellationToken);
        if (row is null)
        {
            db.JobCursors.Add(new JobCursor { Name = Key, Value = value, UpdatedAt = now });
        }
        else if (!Days.TryParse(row.Value, out var stored) || stored < day)
        {
            (row.Value, row.UpdatedAt) = (value, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
