using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>Taking and giving back a <see cref="JobLease"/>; each step is one statement, so two nodes cannot both win.</summary>
public static class JobLeases
{
    /// <summary>
    /// True if <paramref name="owner"/> now holds <paramref name="name"/> until <c>now + lease</c>:
    /// the lease was free (run out), already its own, or did not exist yet. The update repeats the
    /// "free" condition, so of two nodes racing for a run-out lease only one row update succeeds;
    /// of two racing to create it, the primary key lets one insert through.
    /// </summary>
    public static async Task<bool> TryAcquireAsync(AppDbContext db, string name, string owner, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = now + lease;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.LeaseUntil < now || l.Owner == owner))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Owner, owner).SetProperty(x => x.LeaseUntil, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        var row = new JobLease { Name = name, Owner = owner, LeaseUntil = until };
        db.JobLeases.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node created it between the check and the insert: theirs.
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>Ends the lease early if <paramref name="owner"/> still holds it, so the next run need not wait for it to run out.</summary>
    public static Task<int> ReleaseAsync(AppDbContext db, string name, string owner, DateTime now, CancellationToken cancellationToken) =>
        db.JobLeases.Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.LeaseUntil, now), cancellationToken);
}
