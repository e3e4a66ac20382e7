namespace DailyPapers.Papers;

/// <summary>What a paper card on a list shows (feed periods, search results, similar papers, author pages).</summary>
public sealed record PaperCard(
    long PaperId,
    string ArxivId,
    string Title,
    string? Abstract,
    IReadOnlyList<string> Authors,
    int Upvotes,
    int NumComments,
    DateTime? PublishedAt,
    string? CodeUrl,
    string? ProjectUrl)
{
    /// <summary>The one mapping from a paper to its card, so every list shows a paper the same way.</summary>
    public static PaperCard From(PaperView paper) => new(
        paper.Id,
        paper.ArxivId,
        paper.Title,
        paper.Abstract,
        [.. paper.AuthorNames],
        paper.Upvotes,
        paper.NumComments,
        paper.PublishedAt,
        paper.CodeUrl,
        paper.ProjectUrl);
}
