using System.Text.Json.Serialization;

namespace DailyPapers.Papers;

/// <summary>
/// A paper as Hugging Face's API shapes it (<c>paper</c> in <c>/api/daily_papers</c>). Every field
/// Hugging Face sends is present; a field DailyPapers has no data for is <c>null</c>, never invented.
/// </summary>
public record PaperDto
{
    /// <summary>arXiv id without version, for example <c>2405.15738</c> or <c>hep-th/9901001</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Authors in the order printed on the paper.</summary>
    public IReadOnlyList<PaperAuthorDto> Authors { get; init; } = [];

    /// <summary>arXiv publication time of the first version (UTC); date-only sources give midnight.</summary>
    public DateTime? PublishedAt { get; init; }

    /// <summary>When the paper was put on the daily feed (UTC); not the arXiv date.</summary>
    public DateTime? SubmittedOnDailyAt { get; init; }

    public string Title { get; init; } = "";

    /// <summary>The abstract.</summary>
    public string? Summary { get; init; }

    public int Upvotes { get; init; }

    /// <summary>Always null: discussions are not identified separately here.</summary>
    public string? DiscussionId { get; init; }

    public string? ProjectPage { get; init; }

    /// <summary>The code repository URL.</summary>
    public string? GithubRepo { get; init; }

    public int? GithubStars { get; init; }

    /// <summary>Machine-written one-line summary, when the source had one.</summary>
    [JsonPropertyName("ai_summary")]
    public string? AiSummary { get; init; }

    [JsonPropertyName("ai_keywords")]
    public IReadOnlyList<string>? AiKeywords { get; init; }

    /// <summary>Who put the paper on the feed, when known.</summary>
    public SubmitterDto? SubmittedOnDailyBy { get; init; }
}

/// <summary>The paper object of <c>/api/papers</c>: the Hugging Face fields, then the catalog's arXiv metadata.</summary>
public sealed record PaperDetailDto : PaperDto
{
    /// <summary>arXiv categories, primary first; null when the source did not say.</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<string>? Categories { get; init; }

    [JsonPropertyOrder(1)]
    public string? PrimaryCategory { get; init; }

    /// <summary>arXiv time of the latest version (UTC).</summary>
    [JsonPropertyOrder(1)]
    public DateTime? UpdatedAt { get; init; }

    /// <summary>The arXiv comments line (pages, venue, ...).</summary>
    [JsonPropertyOrder(1)]
    public string? Comments { get; init; }

    [JsonPropertyOrder(1)]
    public string? JournalRef { get; init; }

    [JsonPropertyOrder(1)]
    public string? Doi { get; init; }

    [JsonPropertyOrder(1)]
    public PaperLinksDto Links { get; init; } = new("", "", "");

    /// <summary>Feed days the paper appeared on, oldest first.</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<DateOnly> DaysFeatured { get; init; } = [];
}

/// <summary>An author of a paper. <c>_id</c> is this site's author id; <c>hidden</c> is always false here.</summary>
public sealed record PaperAuthorDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    bool Hidden);

/// <summary>A user who put a paper on the feed; only the user name is known (<c>name</c> and <c>user</c> both hold it).</summary>
public sealed record SubmitterDto(string Name, string User);

/// <summary>Where to read the paper: its page on this site, the arXiv abstract and the PDF.</summary>
public sealed record PaperLinksDto(string Page, string Arxiv, string Pdf);
