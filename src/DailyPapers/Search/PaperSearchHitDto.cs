using System.Globalization;
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

    /// <summary>From a paper loaded with its authors and feed days (as search hits are), without further queries.</summary>
    public static PaperSearchHitDto From(Paper paper, HttpRequest request)
    {
        var authors = paper.Authors.OrderBy(a => a.Position)
            .Select(a => new PaperAuthorDto(a.AuthorId.ToString(CultureInfo.InvariantCulture), a.Author?.Name ?? "", Hidden: false));
        List<FeedDay> days = [.. paper.DailyEntries.OrderBy(e => e.Day).Select(e => new FeedDay(paper.Id, e.Day, e.SubmittedAt, e.SubmittedBy))];
        var detail = PaperDtos.ToDetailDto(paper, authors, days, request);
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
