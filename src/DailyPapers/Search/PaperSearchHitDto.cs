using DailyPapers.Papers;

namespace DailyPapers.Search;

/// <summary>
/// One result of <c>/api/papers/search</c>, in Hugging Face's shape: the paper object (here the full
/// one of <c>/api/papers/{id}</c>), then the fields Hugging Face repeats beside it. Fields DailyPapers
/// has no data for (<c>thumbnail</c>, <c>isAuthorParticipating</c>) are null.
/// </summary>
public sealed record PaperSearchHitDto
{
    public PaperDetailDto Paper { get; init; } = new();

    /// <summary>arXiv publication time, as in <c>paper.publishedAt</c>.</summary>
    public DateTime? PublishedAt { get; init; }

    public string Title { get; init; } = "";

    /// <summary>The abstract.</summary>
    public string? Summary { get; init; }

    /// <summary>Always null: no thumbnails are rendered.</summary>
    public string? Thumbnail { get; init; }

    public int NumComments { get; init; }

    /// <summary>Who first put the paper on the daily feed, when known.</summary>
    public SubmitterDto? SubmittedBy { get; init; }

    /// <summary>Always null: authors are not linked to user accounts.</summary>
    public bool? IsAuthorParticipating { get; init; }

    public static PaperSearchHitDto From(PaperView paper, HttpRequest request)
    {
        var detail = PaperDtos.ToDetailDto(paper, request);
        return new PaperSearchHitDto
        {
            Paper = detail,
            PublishedAt = detail.PublishedAt,
            Title = paper.Title,
            Summary = paper.Abstract,
            NumComments = paper.NumComments,
            SubmittedBy = detail.SubmittedOnDailyBy,
        };
    }
}
