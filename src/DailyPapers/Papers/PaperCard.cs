namespace DailyPapers.Papers;

/// <summary>What a paper card on a list page shows (feed days, author pages).</summary>
public sealed record PaperCard(
    string ArxivId,
    string Title,
    string? Abstract,
    IReadOnlyList<string> Authors,
    int Upvotes,
    int NumComments,
    DateTime? PublishedAt,
    string? CodeUrl,
    string? ProjectUrl);
