using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Ingest;

/// <summary>
/// The one way papers get into the catalog (import, harvest). Each batch is one transaction that
/// upserts papers by arXiv id under the rules of <see cref="PaperMerge"/>, keeps ordered author lists
/// and adds daily entries. Only rows that change are written, and every changed paper gets the same
/// new change sequence, so re-running an import writes nothing and leaves the counter alone.
/// Plain ADO.NET on the context's connection: EF change tracking is far too slow for bulk loads.
/// On SQLite a <see cref="SqliteWalCheckpointer"/> copies each committed batch into the database
/// file in the background.
/// </summary>
public sealed class CatalogWriter(AppDbContext db, TimeProvider clock, SqliteWalCheckpointer? checkpointer = null)
{
    /// <summary>Author ids seen during this writer's life (one import run); only committed ids enter.</summary>
    private readonly Dictionary<string, long> _authorIds = new(StringComparer.Ordinal);

    /// <summary>Whether a batch changed any row since the last <see cref="RefreshStatisticsAsync"/>.</summary>
    private bool _wroteSinceStatistics;

    public async Task<WriteResult> WriteAsync(IReadOnlyList<PaperRecord> batch, string source, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return WriteResult.None;
        }
        await using var sql = await CatalogSql.BeginAsync(db, checkpointer, cancellationToken);
        var result = await WriteBatchAsync(sql, batch, source, cancellationToken);
        _wroteSinceStatistics |= result.Inserted + result.Updated + result.NewDailyEntries > 0;
        return result;
    }

    /// <summary>
    /// After a bulk import, has PostgreSQL gather fresh statistics of the tables it wrote. Its
    /// autovacuum does that only on a later round, a minute or more on, and until then a catalog
    /// imported into empty tables is planned as if they were still empty: in the cluster soak's
    /// warm-up, the paper pages' queries (<c>paper_id = ANY(@ids)</c> joined to papers) ran into the
    /// 30 s command timeout until autovacuum's ANALYZE came. SQLite plans these queries from their
    /// indexes alone. A writer that wrote nothing since the last refresh does nothing.
    /// </summary>
    public async Task RefreshStatisticsAsync(CancellationToken cancellationToken)
    {
        if (!_wroteSinceStatistics || !db.Database.IsNpgsql())
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE papers, authors, paper_authors, daily_entries", cancellationToken);
        _wroteSinceStatistics = false;
    }

    private async Task<WriteResult> WriteBatchAsync(CatalogSql sql, IReadOnlyList<PaperRecord> batch, string source, CancellationToken cancellationToken)
    {
        var counter = await sql.LockChangeCounterAsync(cancellationToken);
        var plans = await sql.LoadPapersAsync(batch.Select(r => r.ArxivId).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        foreach (var record in batch)
        {
            if (!plans.TryGetValue(record.ArxivId, out var plan))
            {
                plans[record.ArxivId] = plan = new PaperPlan(record.ArxivId, 0, null, []);
            }
            plan.Apply(record);
        }
        // One plan per distinct id: the other records of an id were merged into its plan (PaperPlan.Apply).
        var merged = batch.Count - plans.Count;
        var changed = plans.Values.Where(plan => plan.Changed).ToList();
        if (changed.Count == 0)
        {
            // Nothing to write: the counter stays, and commit only releases the lock.
            await sql.CommitAsync(cancellationToken);
            return new WriteResult(0, 0, plans.Count, 0) { MergedDuplicates = merged };
        }

        var changeSeq = counter + 1;
        await sql.SetChangeCounterAsync(changeSeq, cancellationToken);
        var now = PaperState.Stored(clock.GetUtcNow().UtcDateTime)!.Value;
        var inserted = changed.Where(plan => plan.IsNew).ToList();
        var updated = changed.Where(plan => !plan.IsNew).ToList();
        if (inserted.Count > 0)
        {
            await sql.InsertPapersAsync(inserted, changeSeq, now, cancellationToken);
        }
        if (updated.Count > 0)
        {
            await sql.UpdatePapersAsync(updated, changeSeq, now, cancellationToken);
        }
        var learnedAuthorIds = await WriteAuthorsAsync(sql, changed.Where(plan => plan.AuthorsChanged).ToList(), cancellationToken);
        var newDays = changed.SelectMany(plan => plan.NewDays.Select(day => (plan.Id, day))).ToList();
        if (newDays.Count > 0)
        {
            await sql.InsertDailyEntriesAsync(newDays, source, cancellationToken);
        }
        var filled = changed.SelectMany(plan => plan.FilledSubmitters.Select(day => (plan.Id, day))).ToList();
        if (filled.Count > 0)
        {
            await sql.UpdateSubmittersAsync(filled, cancellationToken);
        }

        await sql.CommitAsync(cancellationToken);
        foreach (var (name, id) in learnedAuthorIds)
        {
            _authorIds[name] = id;
        }
        return new WriteResult(inserted.Count, updated.Count, plans.Count - changed.Count, newDays.Count) { MergedDuplicates = merged };
    }

    /// <summary>
    /// Resolves every author name to an id (run cache, then the database, then new rows) and rewrites
    /// the author lists of <paramref name="papers"/>. Returns the ids learned in this transaction,
    /// which join the run cache only once it commits.
    /// </summary>
    private async Task<Dictionary<string, long>> WriteAuthorsAsync(CatalogSql sql, List<PaperPlan> papers, CancellationToken cancellationToken)
    {
        var learned = new Dictionary<string, long>(StringComparer.Ordinal);
        if (papers.Count == 0)
        {
            return learned;
        }
        // One run-cache lookup per name: a bulk import resolves millions of names, and the cache
        // outgrows the CPU caches, so each lookup is a few memory misses.
        var links = new List<(long PaperId, bool Existed, long[] AuthorIds)>(papers.Count);
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in papers)
        {
            var names = plan.State!.Authors;
            var ids = new long[names.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                if (_authorIds.TryGetValue(names[i], out var id))
                {
                    ids[i] = id;
                }
                else
                {
                    ids[i] = Unresolved;
                    if (seen.Add(names[i]))
                    {
                        unknown.Add(names[i]);
                    }
                }
            }
            links.Add((plan.Id, !plan.IsNew, ids));
        }
        if (unknown.Count > 0)
        {
            await sql.FindAuthorsAsync(unknown, learned, cancellationToken);
            var missing = unknown.Where(name => !learned.ContainsKey(name)).ToList();
            if (missing.Count > 0)
            {
                await sql.InsertAuthorsAsync(missing, learned, cancellationToken);
            }
            for (var p = 0; p < papers.Count; p++)
            {
                var names = papers[p].State!.Authors;
                var ids = links[p].AuthorIds;
                for (var i = 0; i < ids.Length; i++)
                {
                    if (ids[i] == Unresolved)
                    {
                        ids[i] = learned[names[i]];
                    }
                }
            }
        }
        await sql.ReplaceAuthorLinksAsync(links, cancellationToken);
        return learned;
    }

    /// <summary>Marks a link whose author id this batch still has to find or create (ids start at 1).</summary>
    private const long Unresolved = 0;
}
