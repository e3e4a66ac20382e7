using DailyPapers.Data;

namespace DailyPapers.Ingest;

/// <summary>
/// The one way papers get into the catalog (import, harvest). Each batch is one transaction that
/// upserts papers by arXiv id under the rules of <see cref="PaperMerge"/>, keeps ordered author lists
/// and adds daily entries. Only rows that change are written, and every changed paper gets the same
/// new change sequence, so re-running an import writes nothing and leaves the counter alone.
/// Plain ADO.NET on the context's connection: EF change tracking is far too slow for bulk loads.
/// </summary>
public sealed class CatalogWriter(AppDbContext db, TimeProvider clock)
{
    /// <summary>Author ids seen during this writer's life (one import run); only committed ids enter.</summary>
    private readonly Dictionary<string, long> _authorIds = new(StringComparer.Ordinal);

    public async Task<WriteResult> WriteAsync(IReadOnlyList<PaperRecord> batch, string source, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return WriteResult.None;
        }
        await using var sql = await CatalogSql.BeginAsync(db, cancellationToken);
        return await WriteBatchAsync(sql, batch, source, cancellationToken);
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
        var changed = plans.Values.Where(plan => plan.Changed).ToList();
        if (changed.Count == 0)
        {
            // Nothing to write: the counter stays, and commit only releases the lock.
            await sql.CommitAsync(cancellationToken);
            return new WriteResult(0, 0, plans.Count, 0);
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
        return new WriteResult(inserted.Count, updated.Count, plans.Count - changed.Count, newDays.Count);
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
        var unknown = papers.SelectMany(plan => plan.State!.Authors)
            .Where(name => !_authorIds.ContainsKey(name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            await sql.FindAuthorsAsync(unknown, learned, cancellationToken);
            var missing = unknown.Where(name => !learned.ContainsKey(name)).ToList();
            if (missing.Count > 0)
            {
                await sql.InsertAuthorsAsync(missing, learned, cancellationToken);
            }
        }
        var links = papers.Select(plan => (plan.Id, !plan.IsNew, plan.State!.Authors
            .Select(name => _authorIds.TryGetValue(name, out var id) ? id : learned[name]).ToArray())).ToList();
        await sql.ReplaceAuthorLinksAsync(links, cancellationToken);
        return learned;
    }
}
