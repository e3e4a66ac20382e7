using System.Security.Cryptography;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Search;

/// <summary>What a node's indexes must match to use a snapshot: the same model and file formats.</summary>
public sealed record IndexSnapshotFormat(string ModelKey, int Dimensions, string Quantization, string KeywordSchema);

/// <summary>
/// Index snapshots in the database: an archive file in, an archive file out. Chunks are written and
/// read one at a time, so neither side holds the whole archive (about 180 MB at 130k papers) in memory.
/// </summary>
public sealed class IndexSnapshotStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>4 MiB: few rows per snapshot, each well inside what SQLite and PostgreSQL take in one value.</summary>
    public const int ChunkBytes = 4 << 20;

    /// <summary>The newest complete snapshot of <paramref name="format"/>, or null when there is none.</summary>
    public async Task<IndexSnapshot?> NewestAsync(IndexSnapshotFormat format, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Compatible(db, format).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="archive"/> as a new snapshot, marks it complete once every chunk is in,
    /// then deletes all but the newest <paramref name="keep"/> complete ones and any incomplete one
    /// left by a writer that died (the caller holds the snapshot lease, so no other is being written).
    /// </summary>
    public async Task<IndexSnapshot> WriteAsync(IndexSnapshotFormat format, long keywordWatermark, long vectorWatermark, string archive, int keep, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DeleteAsync(db, db.IndexSnapshots.Where(s => !s.Complete), cancellationToken);
        var length = new FileInfo(archive).Length;
        var snapshot = new IndexSnapshot
        {
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ModelKey = format.ModelKey,
            Dimensions = format.Dimensions,
            Quantization = format.Quantization,
            KeywordSchema = format.KeywordSchema,
            KeywordWatermark = keywordWatermark,
            VectorWatermark = vectorWatermark,
            Length = length,
            ChunkCount = (int)((length + ChunkBytes - 1) / ChunkBytes),
            Sha256 = "",
        };
        db.IndexSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var input = File.OpenRead(archive))
        {
            var buffer = new byte[ChunkBytes];
            for (var position = 0; position < snapshot.ChunkCount; position++)
            {
                var read = await input.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
                hash.AppendData(buffer, 0, read);
                var chunk = new IndexSnapshotChunk { SnapshotId = snapshot.Id, Position = position, Data = buffer[..read] };
                db.IndexSnapshotChunks.Add(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(chunk).State = EntityState.Detached;
            }
        }
        snapshot.Sha256 = Convert.ToHexString(hash.GetHashAndReset());
        snapshot.Complete = true;
        await db.SaveChangesAsync(cancellationToken);

        var kept = await db.IndexSnapshots.Where(s => s.Complete).OrderByDescending(s => s.Id).Take(keep).Select(s => s.Id).ToListAsync(cancellationToken);
        await DeleteAsync(db, db.IndexSnapshots.Where(s => !kept.Contains(s.Id)), cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// Writes <paramref name="snapshot"/>'s archive to <paramref name="archive"/> and checks it
    /// against the stored length and SHA-256; returns why it is unusable, or null when it is whole.
    /// </summary>
    public async Task<string?> ReadAsync(IndexSnapshot snapshot, string archive, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var output = File.Create(archive))
        {
            for (var position = 0; position < snapshot.ChunkCount; position++)
            {
                var data = await db.IndexSnapshotChunks.AsNoTracking()
                    .Where(c => c.SnapshotId == snapshot.Id && c.Position == position)
                    .Select(c => c.Data)
                    .FirstOrDefaultAsync(cancellationToken);
                if (data is null)
                {
                    return $"chunk {position} of {snapshot.ChunkCount} is missing";
                }
                hash.AppendData(data);
                length += data.Length;
                await output.WriteAsync(data, cancellationToken);
            }
        }
        if (length != snapshot.Length)
        {
            return $"it holds {length} bytes where {snapshot.Length} were stored";
        }
        return string.Equals(Convert.ToHexString(hash.GetHashAndReset()), snapshot.Sha256, StringComparison.Ordinal)
            ? null
            : "it does not match its checksum";
    }

    private static IQueryable<IndexSnapshot> Compatible(AppDbContext db, IndexSnapshotFormat format) =>
        db.IndexSnapshots.AsNoTracking().Where(s => s.Complete && s.ModelKey == format.ModelKey && s.Dimensions == format.Dimensions
            && s.Quantization == format.Quantization && s.KeywordSchema == format.KeywordSchema);

    private static async Task DeleteAsync(AppDbContext db, IQueryable<IndexSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var ids = await snapshots.Select(s => s.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return;
        }
        // Chunks first: the cascade needs SQLite's foreign keys switched on, which a plain connection may not have.
        await db.IndexSnapshotChunks.Where(c => ids.Contains(c.SnapshotId)).ExecuteDeleteAsync(cancellationToken);
        await db.IndexSnapshots.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
