namespace DailyPapers.Comments;

public enum CommentState
{
    Live,

    /// <summary>The author deleted it; shown as a stub while replies hang under it.</summary>
    Deleted,

    /// <summary>A moderator removed it; shown as a stub while replies hang under it.</summary>
    Removed,
}

/// <summary>A comment as pages and the API show it. <see cref="Body"/> is empty unless <see cref="State"/> is live. Times are UTC.</summary>
public sealed record CommentView(
    long Id,
    long? ParentId,
    long? AccountId,
    string? AuthorName,
    string Body,
    DateTime CreatedAt,
    DateTime? EditedAt,
    CommentState State);

/// <summary>A comment with the replies under it, oldest first.</summary>
public sealed record CommentNode(CommentView Comment, IReadOnlyList<CommentNode> Replies)
{
    /// <summary>
    /// Levels of nesting the tree keeps; replies deeper down are listed oldest first under the
    /// comment at this level. Building and rendering the tree recurse once per level, so a chain of
    /// thousands of replies must not become thousands of stack frames.
    /// </summary>
    public const int MaxDepth = 12;

    /// <summary>
    /// The paper's comments as a tree, oldest first at every level. A deleted or removed comment
    /// stays as a stub only while some reply under it is still shown; a reply whose parent is
    /// missing is shown at the top level rather than lost.
    /// </summary>
    public static List<CommentNode> Build(IReadOnlyList<CommentView> comments)
    {
        var ids = comments.Select(c => c.Id).ToHashSet();
        var children = comments.ToLookup(c => c.ParentId is { } parent && ids.Contains(parent) ? parent : (long?)null);
        List<CommentNode> Level(long? parent, int depth) =>
            [.. Ordered(children[parent])
                .Select(c => new CommentNode(c, depth + 1 < MaxDepth ? Level(c.Id, depth + 1) : Flattened(children, c.Id)))
                .Where(n => n.Comment.State == CommentState.Live || n.Replies.Count > 0)];
        return Level(null, 0);
    }

    /// <summary>Every shown comment under <paramref name="root"/>, without nesting, walked with a queue rather than recursion.</summary>
    private static List<CommentNode> Flattened(ILookup<long?, CommentView> children, long root)
    {
        List<CommentView> below = [];
        var pending = new Queue<long>([root]);
        while (pending.TryDequeue(out var id))
        {
            foreach (var reply in children[id])
            {
                below.Add(reply);
                pending.Enqueue(reply.Id);
            }
        }
        return [.. Ordered(below).Where(c => c.State == CommentState.Live).Select(c => new CommentNode(c, []))];
    }

    private static IEnumerable<CommentView> Ordered(IEnumerable<CommentView> comments) => comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
}

/// <summary>One of a member's comments as their profile lists it.</summary>
public sealed record MemberComment(long Id, string ArxivId, string PaperTitle, string Body, DateTime CreatedAt);

/// <summary>A confirmed member reading a paper page: who they are and the token their forms carry.</summary>
public sealed record CommentingMember(long AccountId, (string Name, string Value) Token);
