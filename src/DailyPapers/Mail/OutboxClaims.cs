using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>
/// Taking one due outbox row for one sender. A row is due when it is neither sent nor failed, its
/// next attempt has come, and nobody holds a live lease on it. Claiming sets the lease and counts
/// the attempt in the same statement, so an attempt cut short by a kill still counts.
/// </summary>
public static class OutboxClaims
{
    public static async Task<OutboxMessage?> ClaimNextAsync(AppDbContext db, string owner, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = now + lease;
        return db.Database.IsNpgsql()
            ? await ClaimOnPostgresAsync(db, owner, now, until, cancellationToken)
            : await ClaimByConditionalUpdateAsync(db, owner, now, until, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c> in a short transaction, so concurrent senders (on
    /// any node) each lock a different row without waiting for each other; the lease then keeps the
    /// row theirs after the transaction ends, while they talk to the mail server.
    /// </summary>
    private static async Task<OutboxMessage?> ClaimOnPostgresAsync(AppDbContext db, string owner, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Outbox
            .FromSqlInterpolated($"""
                SELECT * FROM outbox
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                  AND (lease_until IS NULL OR lease_until < {now})
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .AsTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        row.LeaseOwner = owner;
        row.LeaseUntil = until;
        row.Attempts++;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return row;
    }

    /// <summary>
    /// SQLite (one writer at a time anyway): pick the first due row, then take it with an UPDATE that
    /// repeats the due condition; if another sender got there first it changes nothing and the next
    /// candidate is tried.
    /// </summary>
    private static async Task<OutboxMessage?> ClaimByConditionalUpdateAsync(AppDbContext db, string owner, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = await Due(db.Outbox, now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is not { } id)
            {
                return null;
            }
            var taken = await Due(db.Outbox, now).Where(m => m.Id == id).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.LeaseOwner, owner)
                .SetProperty(x => x.LeaseUntil, until)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
            if (taken == 1)
            {
                return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            }
        }
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> outbox, DateTime now) =>
        outbox.Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now));

    public static Task<int> MarkSentAsync(AppDbContext db, long id, DateTime now, CancellationToken cancellationToken) =>
        db.Outbox.Where(m => m.Id == id && m.SentAt == null).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.SentAt, now)
            .SetProperty(x => x.LastError, (string?)null)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTime?)null), cancellationToken);
}
