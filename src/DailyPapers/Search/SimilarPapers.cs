using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Search;

/// <summary>
/// "Similar papers" for the paper page and <c>/api/papers/{id}/similar</c>: the nearest papers to the
/// paper's own stored embedding in the vector index (no model run, so it costs a lookup and one HNSW
/// search). A paper not embedded yet falls back to a "more like this" keyword search on its title and
/// abstract, and the result says which one answered.
/// </summary>
public sealed class SimilarPapers(AppDbContext db, SearchIndexes indexes, Moderation.HiddenPapers hiddenPapers) : ISimilarPapers
{
    public const int DefaultCount = ISimilarPapers.DefaultCount;
    public const int MaxCount = 50;

    public async Task<SimilarPapersResult> FindAsync(PaperView paper, int count, CancellationToken cancellationToken)
    {
        await indexes.EnsureOpenAsync(cancellationToken);
        // One more than asked: the paper itself is normally its own nearest match.
        var source = SimilarSource.Embedding;
        // Hidden papers are asked for too, then dropped, so a hidden neighbour leaves the list full.
        var hidden = await hiddenPapers.CurrentAsync(cancellationToken);
        var ids = Without(paper.Id, hidden, await NearestByEmbeddingAsync(paper.Id, count + 1 + hidden.Count, cancellationToken), count);
        if (ids.Count == 0)
        {
            source = SimilarSource.Keywords;
            var text = string.IsNullOrWhiteSpace(paper.Abstract) ? paper.Title : paper.Title + "\n" + paper.Abstract;
            ids = Without(paper.Id, hidden, indexes.MoreLikeThis(text, count + 1 + hidden.Count), count);
        }
        if (ids.Count == 0)
        {
            return SimilarPapersResult.Empty;
        }
        // Index order is similarity order; a paper deleted since it was indexed is skipped.
        return new SimilarPapersResult(await db.LoadPaperViewsAsync(ids, cancellationToken), source);
    }

    private async Task<IReadOnlyList<long>> NearestByEmbeddingAsync(long paperId, int count, CancellationToken cancellationToken)
    {
        if (indexes.VectorCount == 0)
        {
            return [];
        }
        var model = indexes.ModelKey;
        var vector = await db.PaperEmbeddings.AsNoTracking()
            .Where(e => e.PaperId == paperId && e.Model == model)
            .Select(e => e.Vector)
            .FirstOrDefaultAsync(cancellationToken);
        return vector is null ? [] : [.. indexes.VectorSearch(VectorBytes.ToFloats(vector), count).Select(hit => hit.PaperId)];
    }

    private static List<long> Without(long paperId, IReadOnlySet<long> hidden, IReadOnlyList<long> ids, int count) =>
        [.. ids.Where(id => id != paperId && !hidden.Contains(id)).Distinct().Take(count)];
}
