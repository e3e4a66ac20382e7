using System.Diagnostics;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DailyPapers.Search;

/// <summary>Where an embedding run stands, for progress displays.</summary>
public sealed record EmbedProgress(int Done, int Total, int Reused, double PapersPerSecond)
{
    public TimeSpan? Remaining => PapersPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / PapersPerSecond) : null;
}

/// <summary>
/// Embeds papers whose embedding for the configured model is missing or older than the paper. The
/// work list is derived from the database each batch and every batch commits on its own, so a run
/// killed at any point resumes where it stopped. Shared by <c>dailypapers embed</c> and the site's
/// background job.
/// </summary>
public sealed partial class PaperEmbedder(
    IServiceScopeFactory scopes,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    EmbeddingText text,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    ILogger<PaperEmbedder> logger)
{
    public string ModelKey => text.ModelKey;

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Pending(db, ModelKey).CountAsync(cancellationToken);
    }

    /// <summary>Embeds up to <paramref name="limit"/> pending papers (all when null); returns how many it handled.</summary>
    public async Task<int> EmbedPendingAsync(int? limit, IProgress<EmbedProgress>? progress, CancellationToken cancellationToken)
    {
        var total = await CountPendingAsync(cancellationToken);
        if (limit is not null)
        {
            total = Math.Min(total, limit.Value);
        }
        var batchSize = options.Value.EmbedBatchSize;
        var started = Stopwatch.GetTimestamp();
        var (done, reused, lastId) = (0, 0, 0L);
        while (done < total)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var batch = await Pending(db, ModelKey)
                .Where(p => p.Id > lastId)
                .OrderBy(p => p.Id)
                .Take(Math.Min(batchSize, total - done))
                .Select(p => new PendingPaper(p.Id, p.ChangeSeq, p.Title, p.Abstract))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            reused += await EmbedBatchAsync(db, batch, cancellationToken);
            lastId = batch[^1].Id;
            done += batch.Count;
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress?.Report(new EmbedProgress(done, total, reused, seconds > 0 ? done / seconds : 0));
        }
        return done;
    }

    private static IQueryable<Papers.Paper> Pending(AppDbContext db, string model) =>
        db.Papers.Where(p => !db.PaperEmbeddings.Any(e => e.PaperId == p.Id && e.Model == model && e.SourceChangeSeq >= p.ChangeSeq));

    /// <summary>Runs the model for papers whose text changed and stores the batch; returns how many were current already.</summary>
    private async Task<int> EmbedBatchAsync(AppDbContext db, List<PendingPaper> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(p => p.Id).ToList();
        var model = ModelKey;
        var inputs = batch.ToDictionary(p => p.Id, p => text.ForPaper(p.Title, p.Abstract));
        var hashes = inputs.ToDictionary(pair => pair.Key, pair => EmbeddingText.Hash(pair.Value));
        var known = await db.PaperEmbeddings.AsNoTracking()
            .Where(e => e.Model == model && ids.Contains(e.PaperId))
            .ToDictionaryAsync(e => e.PaperId, e => e.TextHash, cancellationToken);
        var toEmbed = batch.Where(p => !known.TryGetValue(p.Id, out var hash) || !hash.AsSpan().SequenceEqual(hashes[p.Id])).ToList();

        var vectors = await GenerateAsync(toEmbed.Select(p => (p.Id, inputs[p.Id])).ToList(), cancellationToken);
        var failed = toEmbed.Where(p => !vectors.ContainsKey(p.Id)).Select(p => p.Id).ToHashSet();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taking the next change sequence also serializes this write with imports and other embedders
        // (and is taken before the rows are read again, so what they hold is what this commit follows).
        var changeSeq = vectors.Count > 0 ? await ChangeSequence.NextAsync(db, cancellationToken) : 0;
        var rows = await db.PaperEmbeddings
            .Where(e => e.Model == model && ids.Contains(e.PaperId))
            .ToDictionaryAsync(e => e.PaperId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var paper in batch.Where(p => !failed.Contains(p.Id)))
        {
            if (!rows.TryGetValue(paper.Id, out var row))
            {
                if (!vectors.ContainsKey(paper.Id))
                {
                    continue; // Its row vanished meanwhile; the next run embeds it.
                }
                row = new PaperEmbedding { PaperId = paper.Id, Model = model, Vector = [], TextHash = [] };
                db.PaperEmbeddings.Add(row);
            }
            // Another embedder (a CLI run, a node whose lease ran out) may have stored this very text
            // since the batch was read: rewriting the same vector under a new sequence would only make
            // every node's vector index take it again.
            if (vectors.TryGetValue(paper.Id, out var vector) && !row.TextHash.AsSpan().SequenceEqual(hashes[paper.Id]))
            {
                (row.Vector, row.TextHash, row.ChangeSeq, row.ComputedAt) = (vector, hashes[paper.Id], changeSeq, now);
                row.Dimensions = vector.Length / sizeof(float);
            }
            row.SourceChangeSeq = Math.Max(row.SourceChangeSeq, paper.ChangeSeq);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count - toEmbed.Count;
    }

    /// <summary>
    /// Vectors for the texts, the whole batch in one model call. Should that call fail, each text is
    /// embedded alone, so one paper the model cannot take is logged and left without a vector (it is
    /// tried again on a later run) instead of stopping the batch and every batch after it.
    /// </summary>
    private async Task<Dictionary<long, byte[]>> GenerateAsync(List<(long Id, string Text)> texts, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<long, byte[]>();
        if (texts.Count == 0)
        {
            return vectors;
        }
        try
        {
            var generated = await embeddings.GenerateAsync(texts.Select(t => t.Text), cancellationToken: cancellationToken);
            for (var i = 0; i < texts.Count; i++)
            {
                vectors[texts[i].Id] = VectorBytes.FromFloats(generated[i].Vector.Span);
            }
            return vectors;
        }
        catch (Exception exception) when (IsAboutTheInput(exception) && texts.Count > 1)
        {
            LogBatchFailed(logger, texts.Count, exception.Message);
        }
        foreach (var (id, input) in texts)
        {
            try
            {
                var generated = await embeddings.GenerateAsync([input], cancellationToken: cancellationToken);
                vectors[id] = VectorBytes.FromFloats(generated[0].Vector.Span);
            }
            catch (Exception exception) when (IsAboutTheInput(exception))
            {
                LogPaperNotEmbedded(logger, id, exception.Message);
            }
        }
        return vectors;
    }

    // Cancellation, a disposed model and running out of memory are not about one paper's text.
    private static bool IsAboutTheInput(Exception exception) =>
        exception is not (OperationCanceledException or ObjectDisposedException or OutOfMemoryException);

    [LoggerMessage(LogLevel.Warning, "Embedding a batch of {Count} papers failed ({Reason}); embedding them one at a time")]
    private static partial void LogBatchFailed(ILogger logger, int count, string reason);

    [LoggerMessage(LogLevel.Error, "Paper {PaperId} has no embedding: the model refused its text ({Reason})")]
    private static partial void LogPaperNotEmbedded(ILogger logger, long paperId, string reason);

    private sealed record PendingPaper(long Id, long ChangeSeq, string Title, string? Abstract);
}
