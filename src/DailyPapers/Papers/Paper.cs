namespace DailyPapers.Papers;

/// <summary>A paper in the catalog, keyed by its arXiv id without version.</summary>
public sealed class Paper
{
    public long Id { get; set; }

    /// <summary>Normalized arXiv id without version: <c>2405.15738</c> or <c>hep-th/9901001</c>.</summary>
    public required string ArxivId { get; set; }

    /// <summary>Latest known arXiv version number (1 for v1); 0 when the source did not say.</summary>
    public int Version { get; set; }

    public required string Title { get; set; }
    public string? Abstract { get; set; }

    /// <summary>Space-separated arXiv categories, primary first.</summary>
    public string Categories { get; set; } = "";
    public string? PrimaryCategory { get; set; }

    /// <summary>arXiv publication time of v1 (UTC); date-only sources give midnight UTC.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>arXiv time of the latest version (UTC).</summary>
    public DateTime? UpdatedAt { get; set; }

    public string? Comments { get; set; }
    public string? JournalRef { get; set; }
    public string? Doi { get; set; }
    public string? CodeUrl { get; set; }
    public string? ProjectUrl { get; set; }
    public int? GithubStars { get; set; }
    public string? AiSummary { get; set; }

    /// <summary>Comma-separated keywords from the Hugging Face record, when it had them.</summary>
    public string? AiKeywords { get; set; }

    /// <summary>Upvotes as imported from an outside source; members' own votes are rows in <see cref="Votes"/>, counted on top.</summary>
    public int Upvotes { get; set; }

    /// <summary>Comment count as imported from an outside source.</summary>
    public int NumComments { get; set; }

    /// <summary>
    /// Value of the global change counter at this row's last change. Derived indexes follow the
    /// catalog by asking for rows with a sequence above their watermark.
    /// </summary>
    public long ChangeSeq { get; set; }

    /// <summary>
    /// Set when moderators hid the paper: a query filter then leaves it out of every list, feed,
    /// page and API answer, and search drops it from every lane (see <c>Moderation/HiddenPapers</c>).
    /// </summary>
    public DateTime? HiddenAt { get; set; }

    /// <summary>When this row was first stored here (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When this row last changed here (UTC).</summary>
    public DateTime ModifiedAt { get; set; }

    public List<PaperAuthor> Authors { get; set; } = [];
    public List<Feed.DailyEntry> DailyEntries { get; set; } = [];
    public List<Accounts.PaperVote> Votes { get; set; } = [];
}
