using System.Globalization;
using DailyPapers.Api;

namespace DailyPapers.Papers;

/// <summary>Builds API paper objects from <see cref="PaperView"/>s (see <see cref="PaperViews"/> for loading them).</summary>
public static class PaperDtos
{
    /// <summary>The paper object of <c>/api/papers</c>.</summary>
    public static PaperDetailDto ToDetailDto(PaperView paper, HttpRequest request)
    {
        // The paper object reports its first appearance on the feed, as Hugging Face does.
        var first = paper.FeedDays.Count > 0 ? paper.FeedDays[0] : null;
        var categories = paper.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ToDto<PaperDetailDto>(paper, first?.SubmittedAt, first?.SubmittedBy) with
        {
            Categories = categories.Length > 0 ? categories : null,
            PrimaryCategory = paper.PrimaryCategory,
            UpdatedAt = paper.UpdatedAt,
            Comments = paper.Comments,
            JournalRef = paper.JournalRef,
            Doi = paper.Doi,
            Links = new PaperLinksDto(
                RequestUrls.Absolute(request, PaperLinks.PagePath(paper.ArxivId)),
                ArxivId.AbsUrl(paper.ArxivId),
                ArxivId.PdfUrl(paper.ArxivId)),
            DaysFeatured = [.. paper.FeedDays.Select(d => d.Day)],
        };
    }

    public static List<PaperDetailDto> ToDetailDtos(IEnumerable<PaperView> papers, HttpRequest request) =>
        [.. papers.Select(p => ToDetailDto(p, request))];

    /// <summary>The Hugging Face fields of a paper object, as one feed appearance reports it.</summary>
    public static T ToDto<T>(PaperView paper, DateTime? submittedOnDailyAt, string? submittedBy)
        where T : PaperDto, new() => new()
        {
            Id = paper.ArxivId,
            Authors = [.. paper.Authors.Select(a => new PaperAuthorDto(a.Id.ToString(CultureInfo.InvariantCulture), a.Name, Hidden: false))],
            PublishedAt = paper.PublishedAt,
            SubmittedOnDailyAt = PaperViews.Utc(submittedOnDailyAt),
            Title = paper.Title,
            Summary = paper.Abstract,
            Upvotes = paper.Upvotes,
            ProjectPage = paper.ProjectUrl,
            GithubRepo = paper.CodeUrl,
            GithubStars = paper.GithubStars,
            AiSummary = paper.AiSummary,
            AiKeywords = Keywords(paper.AiKeywords),
            SubmittedOnDailyBy = Submitter(submittedBy),
        };

    public static SubmitterDto? Submitter(string? name) => string.IsNullOrEmpty(name) ? null : new(name, name);

    private static string[]? Keywords(string? commaSeparated)
    {
        var keywords = commaSeparated?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return keywords is { Length: > 0 } ? keywords : null;
    }
}
