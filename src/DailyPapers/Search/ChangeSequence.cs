using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Search;

public static class ChangeSequence
{
    /// <summary>
    /// Increments the change counter inside the caller's transaction and returns the new value. The
    /// UPDATE holds the row lock (PostgreSQL) or the write lock (SQLite) until commit, so sequence
    /// numbers become visible in commit order (see docs/architecture.md, "Change sequence").
    /// </summary>
    public static async Task<long> NextAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.ChangeCounters.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + 1), cancellationToken);
        return await db.ChangeCounters.Where(c => c.Id == 1).Select(c => c.Value).SingleAsync(cancellationToken);
    }
}
