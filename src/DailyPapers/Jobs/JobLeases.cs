using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Jobs;

/// <summary>
/// Taking, renewing and giving back a <see cref="JobLease"/>; each step is one statement, so two nodes
/// cannot both win. A lease is held while <c>now &lt; LeaseUntil</c>: given back at <c>now</c>, it is free at once.
/// </summary>
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
            .Where(l => l.Name == name && (l.LeaseUntil <= now || l.Owner == owner))
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

    /// <summary>
    /// Moves the end of the lease to <c>now + lease</c> if nobody else has taken it since
    /// <paramref name="owner"/> did; false when another node has it, and the work under it must stop.
    /// A renewal that comes late (the database was busy past the lease) but finds the lease still
    /// untaken keeps it: nobody else is working.
    /// </summary>
    public static async Task<bool> RenewAsync(AppDbContext db, string name, string owner, DateTime now, TimeSpan lease, CancellationToken cancellationToken) =>
        await db.JobLeases
            .Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.LeaseUntil, now + lease), cancellationToken) == 1;

    /// <summary>Who holds <paramref name="name"/> at <paramref name="now"/>, or null when nobody does.</summary>
    public static Task<string?> HolderAsync(AppDbContext db, string name, DateTime now, CancellationToken cancellationToken) =>
        db.JobLeases.Where(l => l.Name == name && l.LeaseUntil > now).Select(l => (string?)l.Owner).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Ends the lease early if <paramref name="owner"/> still holds it, so the next run need not wait for it to run out.</summary>
    public static Task<int> ReleaseAsync(AppDbContext db, string name, string owner, DateTime now, CancellationToken cancellationToken) =>
        db.JobLeases.Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.LeaseUntil, now), cancellationToken);
}
