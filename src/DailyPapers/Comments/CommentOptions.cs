using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Comments;

/// <summary>The <c>Comments</c> section: abuse limits beyond the site-wide write limit.</summary>
public sealed class CommentOptions
{
    public const string Section = "Comments";

    /// <summary>
    /// The least time between one account's comments on one paper: a flood in one thread waits,
    /// a conversation across papers does not.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PausePerThread { get; set; } = TimeSpan.FromSeconds(20);
}
