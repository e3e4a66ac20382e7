using DailyPapers.Accounts;
using DailyPapers.Papers;

namespace DailyPapers.Comments;

/// <summary>
/// A member's comment on a paper, or a reply to another comment (<see cref="ParentId"/>). The body
/// is kept as the Markdown the member wrote and rendered when shown (<see cref="CommentMarkdown"/>),
/// so a safer renderer applies to every old comment at once. Deleting or removing never drops the
/// row: replies keep their place under a "deleted" stub.
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }
    public long PaperId { get; set; }

    /// <summary>Null once the author's account is deleted: the comment stays, by "deleted account".</summary>
    public long? AccountId { get; set; }

    /// <summary>The comment this one answers; null for a top-level comment.</summary>
    public long? ParentId { get; set; }

    /// <summary>Markdown as written; emptied when the author deletes the comment.</summary>
    public required string Body { get; set; }

    /// <summary>The author asked to be emailed when someone replies to this comment.</summary>
    public bool NotifyReplies { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }

    /// <summary>Set when the author deleted the comment.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Set when a moderator removed the comment (shown as "removed by a moderator").</summary>
    public DateTime? RemovedAt { get; set; }

    public long? RemovedById { get; set; }

    public Paper? Paper { get; set; }
    public Account? Account { get; set; }
    public Comment? Parent { get; set; }
}
