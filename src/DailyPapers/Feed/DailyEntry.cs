using DailyPapers.Papers;

namespace DailyPapers.Feed;

/// <summary>A paper placed on the daily feed for one day.</summary>
public sealed class DailyEntry
{
    public long Id { get; set; }
    public long PaperId { get; set; }

    /// <summary>The feed day the paper appears on (the site's calendar day, not the arXiv date).</summary>
    public DateOnly Day { get; set; }

    /// <summary>When the paper was put on the feed (UTC).</summary>
    public DateTime SubmittedAt { get; set; }

    /// <summary>User name of the submitter, when known (a member here, or a Hugging Face user for imported records).</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>The member who submitted it here; null for imported and harvested entries (and once the account is deleted).</summary>
    public long? SubmittedById { get; set; }

    /// <summary>What placed it here: <c>import:hf</c>, <c>harvest:hf</c>, <c>user</c>, ...</summary>
    public required string Source { get; set; }

    public Paper? Paper { get; set; }
}
