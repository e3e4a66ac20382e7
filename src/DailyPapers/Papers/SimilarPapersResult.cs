namespace DailyPapers.Papers;

/// <summary>Where a list of similar papers came from.</summary>
public enum SimilarSource
{
    /// <summary>The paper is in neither index yet, or nothing resembles it.</summary>
    None,

    /// <summary>Nearest neighbours of the paper's stored embedding (cosine).</summary>
    Embedding,

    /// <summary>A BM25 search for the paper's most telling words: the paper has no embedding yet.</summary>
    Keywords,
}

/// <summary>Similar papers, most similar first.</summary>
public sealed record SimilarPapersResult(IReadOnlyList<PaperView> Papers, SimilarSource Source)
{
    public static readonly SimilarPapersResult Empty = new([], SimilarSource.None);
}

/// <summary>
/// What the paper page needs from search: the papers most like a given one. Declared here and
/// implemented by search (<c>Search.SimilarPapers</c>), so papers do not depend on search.
/// </summary>
public interface ISimilarPapers
{
    /// <summary>How many the paper page lists.</summary>
    const int DefaultCount = 10;

    Task<SimilarPapersResult> FindAsync(PaperView paper, int count, CancellationToken cancellationToken);
}
