using DailyPapers.Papers;

namespace DailyPapers.Feed;

/// <summary>
/// One paper on one feed day, in the shape of Hugging Face's <c>/api/daily_papers</c> items.
/// Fields DailyPapers has no data for (<c>thumbnail</c>, <c>isAuthorParticipating</c>) are null.
/// </summary>
public sealed record DailyPaperDto
{
    public PaperDto Paper { get; init; } = new();

    /// <summary>arXiv publication time, as in <c>paper.publishedAt</c> (Hugging Face repeats it here).</summary>
    public DateTime? PublishedAt { get; init; }

    public string Title { get; init; } = "";

    /// <summary>The abstract.</summary>
    public string? Summary { get; init; }

    /// <summary>Always null: no thumbnails are rendered.</summary>
    public string? Thumbnail { get; init; }

    public int NumComments { get; init; }

    /// <summary>Who put the paper on the feed, when known.</summary>
    public SubmitterDto? SubmittedBy { get; init; }

    /// <summary>Always null: authors are not linked to user accounts.</summary>
    public bool? IsAuthorParticipating { get; init; }
}
