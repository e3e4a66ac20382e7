using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Search;

// Opening (with repair) and following the database.
public sealed partial class SearchIndexes
{
    private const int PageSize = 2000;

    private void OpenCore()
    {
        if (_keyword is not null)
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        _owner = TryTakeOwnership(Path.Combine(Folder, "owner.lock"));
        if (!IsOwner)
        {
            _keyword = TryOpenReadOnly();
            var loaded = VectorIndex.TryLoad(Folder, ModelKey, _options.EmbeddingModel.Dimensions, _options.Vectors, out _);
            SwapVectorsIfAny(loaded);
            return;
        }

        _keyword = OpenOrRepairKeywordIndex();
        var vectors = VectorIndex.TryLoad(Folder, ModelKey, _options.EmbeddingModel.Dimensions, _options.Vectors, out var reason);
        if (vectors is null)
        {
            if (File.Exists(Path.Combine(Folder, VectorIndex.FileName)))
            {
                LogVectorRebuild(logger, reason ?? "unreadable");
            }
            VectorIndex.Delete(Folder);
            vectors = VectorIndex.CreateEmpty(ModelKey, _options.EmbeddingModel.Dimensions, _options.Vectors);
        }
        SwapVectorsIfAny(vectors);
        _lastVectorSave = clock.GetTimestamp();
    }

    private void SwapVectorsIfAny(VectorIndex? vectors)
    {
        if (vectors is not null)
        {
            SwapVectors(vectors);
        }
    }

    private KeywordIndex OpenOrRepairKeywordIndex()
    {
        try
        {
            var index = KeywordIndex.OpenWritable(KeywordFolder);
            if (index.WasRebuiltForSchema)
            {
                LogKeywordSchemaRebuild(logger);
            }
            return index;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Damaged files (truncated segments, garbage, a format from elsewhere): the index is derived, so start over.
            LogKeywordRebuild(logger, exception.Message);
            if (Directory.Exists(KeywordFolder))
            {
                Directory.Delete(KeywordFolder, recursive: true);
            }
            return KeywordIndex.OpenWritable(KeywordFolder);
        }
    }

    private KeywordIndex? TryOpenReadOnly()
    {
        try
        {
            return KeywordIndex.OpenReadOnly(KeywordFolder);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReadOnlyUnavailable(logger, exception.Message);
            return null;
        }
    }

    private static FileStream? TryTakeOwnership(string lockFile)
    {
        try
        {
            // FileShare.None is an OS advisory lock on Unix (flock): held while open, released on any exit.
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Keyset walk over papers changed after the watermark, in (change_seq, id) order.</summary>
    private async Task<(int Read, int Refused)> CatchUpKeywordsAsync(KeywordIndex keyword, CancellationToken cancellationToken, bool fromScratch = false)
    {
        var seq = fromScratch ? -1 : keyword.Watermark;
        // A rebuild, or the first build of an empty index: the whole catalog in one commit.
        var wholeCatalog = seq < 0;
        var lastId = long.MaxValue;
        var (total, refused) = (0, 0);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        while (true)
        {
            var page = await db.Papers.AsNoTracking()
                .Where(p => p.ChangeSeq > seq || (p.ChangeSeq == seq && p.Id > lastId))
                .OrderBy(p => p.ChangeSeq).ThenBy(p => p.Id)
                .Take(PageSize)
                .Select(p => new { p.Id, p.ChangeSeq, p.Title, p.Abstract, p.Categories })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            // Authors come in a second query keyed by the page's ids. Loaded with the page (a LEFT JOIN
            // to the author subquery), SQLite materialized every paper's authors for each page: a
            // minute per page at 1M papers (docs/benchmarks.md, "Search at scale").
            var ids = page.Select(p => p.Id).ToList();
            var authors = (await db.PaperAuthors.AsNoTracking()
                .Where(a => ids.Contains(a.PaperId))
                .OrderBy(a => a.PaperId).ThenBy(a => a.Position)
                .Select(a => new { a.PaperId, a.Author!.Name })
                .ToListAsync(cancellationToken))
                .ToLookup(a => a.PaperId, a => a.Name);
            // One paper the index cannot take is logged and left out; the round, its watermark and every other paper go on.
            foreach (var (paperId, reason) in keyword.Upsert(page.Select(p => new KeywordDocument(p.Id, p.Title, p.Abstract, [.. authors[p.Id]], p.Categories))))
            {
                LogPaperNotIndexed(logger, paperId, reason);
                refused++;
            }
            (seq, lastId) = (page[^1].ChangeSeq, page[^1].Id);
            total += page.Count;
        }
        if (total > 0 || fromScratch)
        {
            keyword.Commit(Math.Max(seq, fromScratch ? -1 : keyword.Watermark), builtFromScratch: wholeCatalog);
        }
        return (total, refused);
    }

    /// <summary>Adds embeddings of the index's model written after its watermark.</summary>
    private async Task<int> CatchUpVectorsAsync(VectorIndex vectors, bool locked, CancellationToken cancellationToken)
    {
        var seq = vectors.Watermark;
        var lastId = long.MaxValue;
        var total = 0;
        var model = vectors.ModelKey;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        while (true)
        {
            var page = await db.PaperEmbeddings.AsNoTracking()
                .Where(e => e.Model == model && (e.ChangeSeq > seq || (e.ChangeSeq == seq && e.PaperId > lastId)))
                .OrderBy(e => e.ChangeSeq).ThenBy(e => e.PaperId)
                .Take(PageSize)
                .Select(e => new { e.PaperId, e.ChangeSeq, e.Vector })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            var decoded = page.Select(row => (row.PaperId, Vector: VectorBytes.ToFloats(row.Vector))).ToList();
            if (locked)
            {
                _vectorLock.EnterWriteLock();
            }
            try
            {
                vectors.Upsert(decoded);
                vectors.Advance(page[^1].ChangeSeq);
            }
            finally
            {
                if (locked)
                {
                    _vectorLock.ExitWriteLock();
                }
            }
            (seq, lastId) = (page[^1].ChangeSeq, page[^1].PaperId);
            total += page.Count;
        }
        return total;
    }

    [LoggerMessage(LogLevel.Error, "Paper {PaperId} is left out of the keyword index, which refused its text: {Reason}")]
    private static partial void LogPaperNotIndexed(ILogger logger, long paperId, string reason);

    [LoggerMessage(LogLevel.Information, "The keyword index was written by an older version with other fields; it is rebuilt from the database")]
    private static partial void LogKeywordSchemaRebuild(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "The keyword index cannot be opened ({Reason}); rebuilding it from the database")]
    private static partial void LogKeywordRebuild(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "The vector index is rebuilt from stored embeddings: {Reason}")]
    private static partial void LogVectorRebuild(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "The keyword index owned by another process cannot be read yet: {Reason}")]
    private static partial void LogReadOnlyUnavailable(ILogger logger, string reason);
}
