using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Comments;

public static class CommentQueries
{
    /// <summary>Comments neither their author deleted nor a moderator removed: the ones that count and show.</summary>
    public static IQueryable<Comment> Visible(this IQueryable<Comment> comments) =>
        comments.Where(c => c.DeletedAt == null && c.RemovedAt == null);

    /// <summary>Every comment on the paper, stubs included, oldest first (<see cref="CommentNode.Build"/> makes the tree).</summary>
    public static async Task<List<CommentView>> LoadCommentsAsync(this AppDbContext db, long paperId, CancellationToken cancellationToken)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.PaperId == paperId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ParentId, c.AccountId, c.Account!.UserName, c.Body, c.CreatedAt, c.EditedAt, c.DeletedAt, c.RemovedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c =>
        {
            var state = c.RemovedAt is not null ? CommentState.Removed : c.DeletedAt is not null ? CommentState.Deleted : CommentState.Live;
            return new CommentView(c.Id, c.ParentId, c.AccountId, c.UserName, state == CommentState.Live ? c.Body : "",
                PaperViews.Utc(c.CreatedAt), PaperViews.Utc(c.EditedAt), state);
        })];
    }

    /// <summary>Members' shown comments per paper (the imported count is the paper's own column).</summary>
    public static async Task<Dictionary<long, int>> LocalCommentCountsAsync(this AppDbContext db, IReadOnlyCollection<long> paperIds, CancellationToken cancellationToken) =>
        await db.Comments.AsNoTracking().Visible()
            .Where(c => paperIds.Contains(c.PaperId))
            .GroupBy(c => c.PaperId)
            .Select(g => new { PaperId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PaperId, g => g.Count, cancellationToken);

    /// <summary>A member's latest shown comments, newest first, with the paper each is on.</summary>
    public static async Task<List<MemberComment>> LoadMemberCommentsAsync(this AppDbContext db, long accountId, int count, CancellationToken cancellationToken) =>
        [.. (await db.Comments.AsNoTracking().Visible()
                .Where(c => c.AccountId == accountId)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Take(count)
                .Select(c => new { c.Id, c.Paper!.ArxivId, c.Paper.Title, c.Body, c.CreatedAt })
                .ToListAsync(cancellationToken))
            .Select(c => new MemberComment(c.Id, c.ArxivId, c.Title, c.Body, PaperViews.Utc(c.CreatedAt)))];
}
