namespace DailyPapers.Data;

/// <summary>
/// Single-row table holding the last issued change sequence. A writer increments it inside its
/// transaction, which also serializes writers, so sequences become visible in commit order.
/// </summary>
public sealed class ChangeCounter
{
    public int Id { get; set; }
    public long Value { get; set; }
}

/// <summary>A named cursor of a resumable job (for example the last harvested OAI-PMH datestamp).</summary>
public sealed class JobCursor
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
