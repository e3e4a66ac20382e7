using DailyPapers.Comments;

namespace DailyPapers.Tests.Comments;

/// <summary>How a paper's flat list of comments becomes the thread the page shows.</summary>
public sealed class CommentThreadTests
{
    private static readonly DateTime Start = new(2024, 5, 27, 8, 0, 0, DateTimeKind.Utc);

    private static CommentView At(long id, long? parent, CommentState state = CommentState.Live) =>
        new(id, parent, 1, "ada", state == CommentState.Live ? "text" : "", Start.AddMinutes(id), null, state);

    [Fact]
    public void RepliesNestUnderTheirParentsOldestFirst()
    {
        var thread = CommentNode.Build([At(1, null), At(2, null), At(3, 1), At(4, 3), At(5, 1)]);

        Assert.Equal([1L, 2L], thread.Select(n => n.Comment.Id));
        Assert.Equal([3L, 5L], thread[0].Replies.Select(n => n.Comment.Id));
        Assert.Equal([4L], thread[0].Replies[0].Replies.Select(n => n.Comment.Id));
    }

    [Fact]
    public void AGoneCommentStaysAsAStubOnlyWhileAShownReplyHangsUnderIt()
    {
        var thread = CommentNode.Build([
            At(1, null, CommentState.Deleted), At(2, 1),
            At(3, null, CommentState.Removed), At(4, 3, CommentState.Deleted),
            At(5, null, CommentState.Deleted)]);

        var stub = Assert.Single(thread);
        Assert.Equal((1L, CommentState.Deleted), (stub.Comment.Id, stub.Comment.State));
        Assert.Equal([2L], stub.Replies.Select(n => n.Comment.Id));
    }

    [Fact]
    public void AReplyWhoseParentIsMissingIsShownAtTheTop() =>
        Assert.Equal([7L], CommentNode.Build([At(7, 99)]).Select(n => n.Comment.Id));

    [Fact]
    public void AChainOfThousandsOfRepliesStopsNestingAtTheMaximumDepth()
    {
        const int Length = 5000;
        var chain = Enumerable.Range(1, Length).Select(i => At(i, i == 1 ? null : i - 1)).ToList();

        var node = Assert.Single(CommentNode.Build(chain));
        var depth = 1;
        while (node.Replies.Count == 1 && node.Replies[0].Replies.Count > 0)
        {
            node = node.Replies[0];
            depth++;
        }

        Assert.Equal(CommentNode.MaxDepth, depth);
        Assert.Equal(Enumerable.Range(CommentNode.MaxDepth + 1, Length - CommentNode.MaxDepth).Select(i => (long)i), node.Replies.Select(n => n.Comment.Id));
    }
}
