using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Search;

/// <summary>What an import of an embeddings file did.</summary>
public sealed record EmbeddingsImportResult(int Read, int Imported, int Unchanged, int NotInCatalog, int TextDiffers, IReadOnlyList<string> Problems)
{
    public int Skipped => NotInCatalog + TextDiffers + Problems.Count;
}

/// <summary>
/// Moves the catalog's embeddings for the configured model in and out of an
/// <see cref="EmbeddingsFile"/>. An import keeps a vector only for a paper in the catalog whose
/// model input hashes as it did when the file was made (otherwise the vector would describe other
/// text; the embed job makes that one), refuses a file of another model outright, writes in
/// batches of one transaction each, and can be run again: what is current stays as it is.
/// </summary>
public sealed class EmbeddingsTransfer(AppDbContext db, EmbeddingText text, TimeProvider clock)
{
    private const int BatchSize = 500;

    public async Task<int> ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        var model = text.ModelKey;
        var current = db.PaperEmbeddings.AsNoTracking()
            .Where(e => e.Model == model && e.SourceChangeSeq >= e.Paper!.ChangeSeq);
        var count = await current.CountAsync(cancellationToken);
        var dimensions = count == 0 ? 0 : await current.Select(e => e.Dimensions).FirstAsync(cancellationToken);
        var records = current.OrderBy(e => e.Paper!.ArxivId)
            .Select(e => new { e.Paper!.ArxivId, e.TextHash, e.Vector })
            .AsAsyncEnumerable()
            .Select(e => new EmbeddingsFileRecord(e.ArxivId, e.TextHash, VectorBytes.ToFloats(e.Vector)));
        await EmbeddingsFile.WriteAsync(output, new EmbeddingsFileHeader(model, Math.Max(dimensions, 1), EmbeddingsFile.ScaledBytes, EmbeddingsFile.TextDescription, count), records, cancellationToken);
        return count;
    }

    /// <exception cref="InvalidDataException">The file is not an embeddings file, is of another model, or is cut off (batches before the cut stay imported).</exception>
    public async Task<EmbeddingsImportResult> ImportAsync(Stream input, string name, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var reader = EmbeddingsFile.OpenReader(input);
        var header = EmbeddingsFile.ReadHeader(reader, name);
        if (header.Model != text.ModelKey)
        {
            throw new InvalidDataException($"{name}: holds embeddings of {header.Model}, but this site embeds with {text.ModelKey} " +
                "(Search:Model and Search:MaxTokens); vectors of another model cannot be mixed in. Run `dailypapers embed` instead.");
        }
        int read = 0, imported = 0, unchanged = 0, notInCatalog = 0, textDiffers = 0;
        List<string> problems = [];
        List<EmbeddingsFileRecord> batch = [];
        foreach (var (index, record, problem) in EmbeddingsFile.ReadRecords(reader, header, name))
        {
            read++;
            if (record is null)
            {
                problems.Add(problem!);
                continue;
            }
            if (!ArxivId.TryParse(record.ArxivId, out var id, out _, out var reason))
            {
                problems.Add($"{name}: record {index}: {reason}; skipped");
                continue;
            }
            batch.Add(record with { ArxivId = id });
            if (batch.Count == BatchSize)
            {
                Add(await WriteBatchAsync(batch, cancellationToken));
                progress?.Report(read);
            }
        }
        Add(await WriteBatchAsync(batch, cancellationToken));
        progress?.Report(read);
        return new EmbeddingsImportResult(read, imported, unchanged, notInCatalog, textDiffers, problems);

        void Add((int Imported, int Unchanged, int NotInCatalog, int TextDiffers) written)
        {
            (imported, unchanged, notInCatalog, textDiffers) =
                (imported + written.Imported, unchanged + written.Unchanged, notInCatalog + written.NotInCatalog, textDiffers + written.TextDiffers);
            batch.Clear();
        }
    }

    private async Task<(int Imported, int Unchanged, int NotInCatalog, int TextDiffers)> WriteBatchAsync(List<EmbeddingsFileRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return default;
        }
        var model = text.ModelKey;
        var ids = batch.Select(r => r.ArxivId).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taking the next change sequence serializes this write with imports and embedders, as the embedder does.
        var changeSeq = await ChangeSequence.NextAsync(db, cancellationToken);
        var papers = await db.Papers.AsNoTracking().Where(p => ids.Contains(p.ArxivId))
            .Select(p => new { p.Id, p.ArxivId, p.Title, p.Abstract, p.ChangeSeq })
            .ToDictionaryAsync(p => p.ArxivId, StringComparer.Ordinal, cancellationToken);
        var paperIds = papers.Values.Select(p => p.Id).ToList();
        var rows = await db.PaperEmbeddings.Where(e => e.Model == model && paperIds.Contains(e.PaperId)).ToDictionaryAsync(e => e.PaperId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int imported = 0, unchanged = 0, notInCatalog = 0, textDiffers = 0;
        foreach (var record in batch)
        {
            if (!papers.TryGetValue(record.ArxivId, out var paper))
            {
                notInCatalog++;
                continue;
            }
            if (!EmbeddingText.Hash(text.ForPaper(paper.Title, paper.Abstract)).AsSpan().SequenceEqual(record.TextHash))
            {
                textDiffers++;
                continue;
            }
            if (rows.TryGetValue(paper.Id, out var row) && row.TextHash.AsSpan().SequenceEqual(record.TextHash))
            {
                row.SourceChangeSeq = Math.Max(row.SourceChangeSeq, paper.ChangeSeq);
                unchanged++;
                continue;
            }
            if (row is null)
            {
                row = new PaperEmbedding { PaperId = paper.Id, Model = model, Vector = [], TextHash = [] };
                db.PaperEmbeddings.Add(row);
                rows[paper.Id] = row;
            }
            (row.Vector, row.TextHash, row.Dimensions, row.ChangeSeq, row.ComputedAt) =
                (VectorBytes.FromFloats(record.Vector), record.TextHash, record.Vector.Length, changeSeq, now);
            row.SourceChangeSeq = Math.Max(row.SourceChangeSeq, paper.ChangeSeq);
            imported++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (imported, unchanged, notInCatalog, textDiffers);
    }
}
