namespace DailyPapers.Ingest;

/// <summary>
/// One paper as a source describes it, normalized to the catalog's terms. Every importer and
/// harvester produces these; <c>null</c> means "this source does not say", never "empty".
/// </summary>
public sealed record PaperRecord
{
    /// <summary>Normalized arXiv id without version (see <see cref="ArxivId"/>).</summary>
    public required string ArxivId { get; init; }

    /// <summary>arXiv version the metadata describes, when the source says.</summary>
    public int? Version { get; init; }

    public required string Title { get; init; }
    public IReadOnlyList<string>? Authors { get; init; }
    public string? Abstract { get; init; }

    /// <summary>arXiv categories, primary first.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    public DateTime? PublishedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? Comments { get; init; }
    public string? JournalRef { get; init; }
    public string? Doi { get; init; }
    public string? CodeUrl { get; init; }
    public string? ProjectUrl { get; init; }
    public int? GithubStars { get; init; }
    public string? AiSummary { get; init; }
    public IReadOnlyList<string>? AiKeywords { get; init; }

    /// <summary>Upvotes the source reports (Hugging Face); merged by taking the larger count.</summary>
    public int? Upvotes { get; init; }
    public int? NumComments { get; init; }

    /// <summary>The daily-feed day this source put the paper on, if any.</summary>
    public DateOnly? FeaturedOn { get; init; }
    public DateTime? SubmittedOnDailyAt { get; init; }
    public string? SubmittedBy { get; init; }
}

/// <summary>
/// One item read from an input: a record, or the reason it could not be read. <see cref="Location"/>
/// is <c>file:line</c> for line-based formats and <c>file#N</c> (1-based record index) otherwise.
/// <see cref="Notes"/> says what the text door cut from a record that was kept.
/// </summary>
public readonly record struct ParsedItem(PaperRecord? Record, string Location, string? Error, IReadOnlyList<string>? Notes = null)
{
    /// <summary>A record that was read, as it passes <see cref="RecordDoor"/>: cleaned and within the field limits, or an error when nothing usable is left.</summary>
    public static ParsedItem Ok(PaperRecord record, string location)
    {
        var (admitted, notes, error) = RecordDoor.Admit(record);
        return admitted is null ? Bad(location, error!) : new(admitted, location, null, notes.Count > 0 ? notes : null);
    }

    public static ParsedItem Bad(string location, string error) => new(null, location, error);
}
