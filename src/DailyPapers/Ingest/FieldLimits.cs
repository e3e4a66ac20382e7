namespace DailyPapers.Ingest;

/// <summary>
/// The longest text the catalog keeps per field (docs/architecture.md, "Field limits"). Each is well
/// above the longest real value in the arXiv and Hugging Face data (abstracts 4,031 chars, titles 226,
/// author names 512 in a collaboration's name, author lists 3,303), so only broken or hostile records
/// meet them; such a record is kept, cut to the limit, and reported.
/// </summary>
public static class FieldLimits
{
    public const int Title = PaperState.TitleMax;
    public const int Abstract = 10_000;
    public const int Authors = 5_000;
    public const int AuthorName = PaperState.AuthorNameMax;
    public const int Comments = 4_000;
    public const int JournalRef = 1_000;
    public const int Doi = 200;
    public const int Url = 2_000;
    public const int AiSummary = 4_000;
    public const int AiKeywords = 50;
    public const int AiKeyword = 100;
    public const int SubmittedBy = PaperState.SubmittedByMax;
}
