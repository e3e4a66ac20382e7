using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Health;

/// <summary>
/// Reads the health facts from the database: a handful of index seeks, cheap enough for every
/// readiness probe. The embedding backlog (an anti-join over the catalog) is counted separately.
/// </summary>
public static class HealthFacts
{
    /// <summary>The facts for indexes at these watermarks; a database that does not answer gives a snapshot that says why.</summary>
    public static async Task<HealthSnapshot> ReadAsync(
        AppDbContext db, string modelKey, long keywordWatermark, long vectorWatermark, bool indexesBuilt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var provider = db.Database.IsNpgsql() ? "Postgres" : "Sqlite";
        try
        {
            var latest = await db.ChangeCounters.AsNoTracking().Where(c => c.Id == 1).Select(c => c.Value).FirstOrDefaultAsync(cancellationToken);
            var utcNow = now.UtcDateTime;
            var unsent = db.Outbox.AsNoTracking().Where(m => m.SentAt == null && m.FailedAt == null);
            var oldestUnsent = await unsent.OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            return new HealthSnapshot
            {
                TakenAt = now,
                Provider = provider,
                LatestChange = latest,
                Keyword = await KeywordLagAsync(db, keywordWatermark, utcNow, cancellationToken),
                Vector = await VectorLagAsync(db, modelKey, vectorWatermark, utcNow, cancellationToken),
                IndexesBuilt = indexesBuilt,
                OutboxDepth = await unsent.CountAsync(cancellationToken),
                OutboxOldestAge = oldestUnsent is { } created ? Positive(utcNow - created) : null,
                Leases = await db.JobLeases.AsNoTracking().OrderBy(l => l.Name)
                    .Select(l => new LeaseFact(l.Name, l.Owner, l.LeaseUntil)).ToListAsync(cancellationToken),
            };
        }
        catch (Exception exception) when (DatabaseOutage.IsOutage(exception) || exception is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            return new HealthSnapshot { TakenAt = now, Provider = provider, DatabaseError = exception.GetBaseException().Message, IndexesBuilt = indexesBuilt };
        }
    }

    /// <summary>
    /// Papers the keyword index has not taken in. The index follows the papers a query can see
    /// (hidden ones are left out), so the latest sequence is read the same way; comparing with the
    /// change counter instead would count embedding writes the keyword index never sees.
    /// </summary>
    private static async Task<IndexLag> KeywordLagAsync(AppDbContext db, long watermark, DateTime now, CancellationToken cancellationToken)
    {
        var latest = await db.Papers.AsNoTracking().MaxAsync(p => (long?)p.ChangeSeq, cancellationToken) ?? -1;
        if (latest <= watermark)
        {
            return new IndexLag(watermark, latest, 0, TimeSpan.Zero);
        }
        var oldest = await db.Papers.AsNoTracking().Where(p => p.ChangeSeq > watermark)
            .OrderBy(p => p.ChangeSeq).Select(p => p.ModifiedAt).FirstAsync(cancellationToken);
        return new IndexLag(watermark, latest, latest - watermark, Positive(now - oldest));
    }

    /// <summary>Embeddings of the configured model the vector index has not taken in.</summary>
    private static async Task<IndexLag> VectorLagAsync(AppDbContext db, string model, long watermark, DateTime now, CancellationToken cancellationToken)
    {
        var ofModel = db.PaperEmbeddings.AsNoTracking().Where(e => e.Model == model);
        var latest = await ofModel.MaxAsync(e => (long?)e.ChangeSeq, cancellationToken) ?? -1;
        if (latest <= watermark)
        {
            return new IndexLag(watermark, latest, 0, TimeSpan.Zero);
        }
        var oldest = await ofModel.Where(e => e.ChangeSeq > watermark)
            .OrderBy(e => e.ChangeSeq).Select(e => e.ComputedAt).FirstAsync(cancellationToken);
        return new IndexLag(watermark, latest, latest - watermark, Positive(now - oldest));
    }

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
