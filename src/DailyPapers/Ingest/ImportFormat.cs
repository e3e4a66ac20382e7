namespace DailyPapers.Ingest;

/// <summary>Reads one input into records, one item per record, reporting unreadable records instead of throwing.</summary>
/// <param name="input">The (already decompressed) content.</param>
/// <param name="fileName">The name shown in locations (<c>file:line</c>).</param>
/// <param name="options">What the caller knows about the input.</param>
public delegate IEnumerable<ParsedItem> RecordParser(Stream input, string fileName, ImportOptions options);

/// <summary>What the caller knows about an input that the input may not say itself.</summary>
/// <param name="Day">The daily-feed day of a Hugging Face <c>daily_papers</c> response (<c>--date</c>).</param>
public sealed record ImportOptions(DateOnly? Day = null)
{
    /// <summary>
    /// The plausible days (<see cref="DayWindow"/>): records dated outside it are reported, not
    /// imported. Callers that write to a catalog pass the configured window (<see cref="DayWindow.Today(CatalogOptions, TimeProvider)"/>).
    /// </summary>
    public DayWindow Window { get; init; } = DayWindow.Any;
}

/// <summary>An input format: its name (as for <c>--format</c>), how to recognize it and how to parse it.</summary>
public sealed record ImportFormat(string Name, string Description, Func<InputHead, bool> Recognizes, RecordParser Parse);

/// <summary>
/// The registry of input formats, and the extension point for new ones: a format is one entry in
/// <see cref="All"/>. Detection asks each entry in order, so more specific formats come first.
/// </summary>
public static class ImportFormats
{
    public static IReadOnlyList<ImportFormat> All { get; } =
    [
        new("kaggle", "Kaggle arXiv metadata snapshot (JSON lines)", head => head.IsJsonLines && KaggleParser.Recognizes(head), KaggleParser.Parse),
        new("jsonl", "DailyPapers JSON lines (hf-daily-papers, arxiv-corpus)", head => head.IsJsonLines && JsonlParser.Recognizes(head), JsonlParser.Parse),
        new("hf-api", "Hugging Face /api/daily_papers response (JSON array)", head => head.IsJsonArray, HfApiParser.Parse),
        new("atom", "arXiv API response (Atom feed)", head => head.XmlRoot == "feed", (input, name, options) => ArxivAtomFeed.Parse(input, name, options.Window)),
        new("oai", "arXiv OAI-PMH response (ListRecords or GetRecord; arXiv or arXivRaw format)", head => head.XmlRoot == "OAI-PMH", (input, name, options) => OaiPmhResponse.Parse(input, name, options.Window)),
    ];

    public static IEnumerable<string> Names => All.Select(format => format.Name);

    public static ImportFormat? Named(string name) =>
        All.FirstOrDefault(format => string.Equals(format.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ImportFormat? Detect(InputHead head) => All.FirstOrDefault(format => format.Recognizes(head));
}
