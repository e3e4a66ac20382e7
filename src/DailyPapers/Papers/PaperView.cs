namespace DailyPapers.Papers;

/// <summary>
/// A paper as pages, feeds and the API show it: its catalog fields, its authors in the order
/// printed and its feed days oldest first. A plain record built by one loader
/// (<see cref="PaperViews"/>), so nothing that shows a paper can meet an entity whose navigation
/// properties a query forgot to fill. Times are UTC.
/// </summary>
public sealed record PaperView
{
    public required long Id { get; init; }

    /// <summary>Normalized arXiv id without version.</summary>
    public required string ArxivId { get; init; }

    /// <summary>Latest known arXiv version; 0 when the source did not say.</summary>
    public int Version { get; init; }

    public required string Title { get; init; }
    public string? Abstract { get; init; }

    /// <summary>Space-separated arXiv categories, primary first.</summary>
    public string Categories { get; init; } = "";
    public string? PrimaryCategory { get; init; }

    /// <summary>arXiv publication time of v1.</summary>
    public DateTime? PublishedAt { get; init; }

    /// <summary>arXiv time of the latest version.</summary>
    public DateTime? UpdatedAt { get; init; }

    /// <summary>When the paper was first stored here.</summary>
    public DateTime CreatedAt { get; init; }

    public string? Comments { get; init; }
    public string? JournalRef { get; init; }
    public string? Doi { get; init; }
    public string? CodeUrl { get; init; }
    public string? ProjectUrl { get; init; }
    public int? GithubStars { get; init; }
    public string? AiSummary { get; init; }

    /// <summary>Comma-separated keywords from the Hugging Face record, when it had them.</summary>
    public string? AiKeywords { get; init; }

    /// <summary>Everyone's upvotes: the imported count plus members' votes here.</summary>
    public int Upvotes { get; init; }

    /// <summary>The part of <see cref="Upvotes"/> that came with an import (Hugging Face's count).</summary>
    public int ImportedUpvotes { get; init; }

    /// <summary>Every comment: the imported count plus members' comments here that are still shown.</summary>
    public int NumComments { get; init; }

    /// <summary>The part of <see cref="NumComments"/> that came with an import (Hugging Face's count).</summary>
    public int ImportedComments { get; init; }

    public IReadOnlyList<AuthorView> Authors { get; init; } = [];

    /// <summary>The paper's appearances on the feed, oldest day first.</summary>
    public IReadOnlyList<FeedDay> FeedDays { get; init; } = [];

    public IEnumerable<string> AuthorNames => Authors.Select(a => a.Name);
}

/// <summary>An author of a paper: this site's author id and the name as printed.</summary>
public sealed record AuthorView(long Id, string Name);

/// <summary>A paper's appearance on the feed; <paramref name="ByMember"/> when a member here submitted it (else the name is a Hugging Face user's, from an import).</summary>
public sealed record FeedDay(DateOnly Day, DateTime SubmittedAt, string? SubmittedBy, bool ByMember = false);
