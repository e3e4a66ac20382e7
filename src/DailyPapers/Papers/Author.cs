namespace DailyPapers.Papers;

/// <summary>An author, identified by the exact name as printed on papers (arXiv has no author ids).</summary>
public sealed class Author
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public List<PaperAuthor> Papers { get; set; } = [];
}

/// <summary>An author's place in a paper's ordered author list.</summary>
public sealed class PaperAuthor
{
    public long PaperId { get; set; }
    public long AuthorId { get; set; }

    /// <summary>0-based position in the paper's author list.</summary>
    public int Position { get; set; }

    public Paper? Paper { get; set; }
    public Author? Author { get; set; }
}
