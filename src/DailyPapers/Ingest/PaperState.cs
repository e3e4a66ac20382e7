using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// A paper's catalog content as the merge sees it: what is stored, or what one source says, in the
/// stored shape (joined categories and keywords, clipped to column sizes). Unknown is null, 0 for
/// <see cref="Version"/>, <c>""</c> for <see cref="Categories"/> and empty for <see cref="Authors"/>.
/// </summary>
public sealed record PaperState
{
    // Column sizes from the model (AppDbContext); PostgreSQL enforces them, SQLite does not.
    public const int TitleMax = 1000;
    public const int CategoriesMax = 1000;
    public const int CategoryMax = 64;
    public const int AuthorNameMax = 500;
    public const int SubmittedByMax = 200;

    public int Version { get; init; }
    public required string Title { get; init; }
    public string? Abstract { get; init; }
    public string Categories { get; init; } = "";
    public string? PrimaryCategory { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? Comments { get; init; }
    public string? JournalRef { get; init; }
    public string? Doi { get; init; }
    public string? CodeUrl { get; init; }
    public string? ProjectUrl { get; init; }
    public int? GithubStars { get; init; }
    public string? AiSummary { get; init; }
    public string? AiKeywords { get; init; }
    public int Upvotes { get; init; }
    public int NumComments { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];

    public static PaperState From(PaperRecord record)
    {
        var categories = record.Categories ?? [];
        return new PaperState
        {
            Version = Math.Max(record.Version ?? 0, 0),
            Title = SafeText.Clip(record.Title, TitleMax),
            Abstract = record.Abstract,
            Categories = SafeText.Clip(string.Join(' ', categories), CategoriesMax),
            PrimaryCategory = categories.Count > 0 ? SafeText.Clip(categories[0], CategoryMax) : null,
            PublishedAt = Stored(record.PublishedAt),
            UpdatedAt = Stored(record.UpdatedAt),
            Comments = record.Comments,
            JournalRef = record.JournalRef,
            Doi = record.Doi,
            CodeUrl = record.CodeUrl,
            ProjectUrl = record.ProjectUrl,
            GithubStars = record.GithubStars,
            AiSummary = record.AiSummary,
            AiKeywords = record.AiKeywords is { Count: > 0 } keywords ? string.Join(", ", keywords) : null,
            Upvotes = Math.Max(record.Upvotes ?? 0, 0),
            NumComments = Math.Max(record.NumComments ?? 0, 0),
            Authors = record.Authors?.Select(name => SafeText.Clip(name, AuthorNameMax)).ToArray() ?? [],
        };
    }

    /// <summary>
    /// UTC, cut to whole microseconds: PostgreSQL keeps no finer time, and a value that changed on
    /// the way through the database would look like a change on every re-import.
    /// </summary>
    public static DateTime? Stored(DateTime? time) => time is { } t
        ? new DateTime(t.Ticks - t.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc)
        : null;

    public bool Equals(PaperState? other) =>
        other is not null
        && Version == other.Version && Title == other.Title && Abstract == other.Abstract
        && Categories == other.Categories && PrimaryCategory == other.PrimaryCategory
        && PublishedAt == other.PublishedAt && UpdatedAt == other.UpdatedAt
        && Comments == other.Comments && JournalRef == other.JournalRef && Doi == other.Doi
        && CodeUrl == other.CodeUrl && ProjectUrl == other.ProjectUrl && GithubStars == other.GithubStars
        && AiSummary == other.AiSummary && AiKeywords == other.AiKeywords
        && Upvotes == other.Upvotes && NumComments == other.NumComments
        && Authors.SequenceEqual(other.Authors, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Title, Version, Upvotes, Authors.Count);
}
