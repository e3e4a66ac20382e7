using DailyPapers.Papers;

namespace DailyPapers.Accounts;

/// <summary>
/// One member's upvote of one paper, as an event with its time (trending reads the times). Kept
/// apart from the paper row: a vote never waits behind an import's transaction on the papers
/// table, and a re-import, which rewrites the imported count, cannot touch local votes.
/// </summary>
public sealed class PaperVote
{
    public long PaperId { get; set; }
    public long AccountId { get; set; }
    public DateTime CreatedAt { get; set; }

    public Paper? Paper { get; set; }
    public Account? Account { get; set; }
}
