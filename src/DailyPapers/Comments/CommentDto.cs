using System.Text.Json;
using System.Text.Json.Serialization;

namespace DailyPapers.Comments;

/// <summary>A comment in <c>/api/papers/{arxivId}/comments</c>. A deleted or removed comment keeps its place (replies point at it) without its text.</summary>
public sealed record CommentDto
{
    public long Id { get; init; }

    /// <summary>The comment this one replies to; null for a top-level comment.</summary>
    public long? ParentId { get; init; }

    /// <summary>The author's user name; null when the account was deleted (or the comment is gone).</summary>
    public string? Author { get; init; }

    /// <summary>The Markdown as written; null when deleted or removed.</summary>
    public string? Body { get; init; }

    /// <summary>The body as the page shows it (sanitized HTML); null when deleted or removed.</summary>
    public string? Html { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the author last changed the text; null if never.</summary>
    public DateTime? EditedAt { get; init; }

    /// <summary>The author deleted the comment.</summary>
    public bool Deleted { get; init; }

    /// <summary>A moderator removed the comment.</summary>
    public bool Removed { get; init; }

    public static CommentDto From(CommentView comment) => comment.State == CommentState.Live
        ? new() { Id = comment.Id, ParentId = comment.ParentId, Author = comment.AuthorName, Body = comment.Body, Html = CommentMarkdown.ToHtml(comment.Body), CreatedAt = comment.CreatedAt, EditedAt = comment.EditedAt }
        : new() { Id = comment.Id, ParentId = comment.ParentId, CreatedAt = comment.CreatedAt, Deleted = comment.State == CommentState.Deleted, Removed = comment.State == CommentState.Removed };
}

/// <summary>The body of <c>POST /api/papers/{arxivId}/comments</c>.</summary>
public sealed record NewCommentDto
{
    /// <summary>Markdown, at most 10,000 characters.</summary>
    public string? Body { get; init; }

    /// <summary>The comment to reply to; omit for a top-level comment.</summary>
    public long? ParentId { get; init; }

    /// <summary>Email the token's account when someone replies to this comment.</summary>
    public bool NotifyReplies { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<CommentDto>))]
[JsonSerializable(typeof(CommentDto))]
[JsonSerializable(typeof(NewCommentDto))]
internal sealed partial class CommentsJsonContext : JsonSerializerContext;
