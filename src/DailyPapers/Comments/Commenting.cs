using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Comments;

public enum CommentResult
{
    Done,
    NoSuchComment,

    /// <summary>The comment is someone else's.</summary>
    NotYours,

    /// <summary>The comment was deleted or removed: it can be neither edited nor answered.</summary>
    Gone,

    /// <summary>The account commented on this paper less than <see cref="CommentOptions.PausePerThread"/> ago.</summary>
    TooSoon,
}

/// <summary>What became of a post, an edit or a delete; <see cref="RetryAfter"/> is set for <see cref="CommentResult.TooSoon"/>.</summary>
public sealed record CommentOutcome(CommentResult Result, Comment? Comment = null, TimeSpan RetryAfter = default);

/// <summary>
/// Posting, editing and deleting comments, for the page forms and the API alike. The callers have
/// checked that the account is confirmed and the body is clean (<see cref="CommentRules"/>).
/// </summary>
public sealed class Commenting(AppDbContext db, CommentEmails emails, IOptions<CommentOptions> options, TimeProvider clock)
{
    public async Task<CommentOutcome> PostAsync(long accountId, long paperId, long? parentId, string body, bool notifyReplies, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var last = await db.Comments.Where(c => c.PaperId == paperId && c.AccountId == accountId)
            .MaxAsync(c => (DateTime?)c.CreatedAt, cancellationToken);
        var wait = last is { } previous ? previous + options.Value.PausePerThread - now : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            return new CommentOutcome(CommentResult.TooSoon, RetryAfter: wait);
        }
        Comment? parent = null;
        if (parentId is { } id)
        {
            parent = await db.Comments.Include(c => c.Account).Include(c => c.Paper)
                .SingleOrDefaultAsync(c => c.Id == id && c.PaperId == paperId, cancellationToken);
            if (parent is null)
            {
                return new CommentOutcome(CommentResult.NoSuchComment);
            }
            if (parent.DeletedAt is not null || parent.RemovedAt is not null)
            {
                return new CommentOutcome(CommentResult.Gone);
            }
        }
        var comment = new Comment { PaperId = paperId, AccountId = accountId, ParentId = parentId, Body = body, NotifyReplies = notifyReplies, CreatedAt = now };
        db.Comments.Add(comment);
        // The reply's id goes into the email's link, so the comment is saved first; the transaction
        // makes the comment and its email one change.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (parent is { NotifyReplies: true, Account: { EmailConfirmed: true, DisabledAt: null, Email: { } address } author, Paper: { } paper } && author.Id != accountId)
        {
            var replier = await db.Users.Where(a => a.Id == accountId).Select(a => a.UserName).SingleAsync(cancellationToken);
            emails.Reply(address, author.UserName!, replier!, comment.Id, body, paper.ArxivId, paper.Title);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new CommentOutcome(CommentResult.Done, comment);
    }

    public async Task<CommentOutcome> EditAsync(long accountId, long commentId, string body, CancellationToken cancellationToken)
    {
        var (problem, comment) = await OwnLiveCommentAsync(accountId, commentId, cancellationToken);
        if (comment is null)
        {
            return new CommentOutcome(problem);
        }
        if (comment.Body != body)
        {
            comment.Body = body;
            comment.EditedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new CommentOutcome(CommentResult.Done, comment);
    }

    /// <summary>Empties the comment and marks it deleted; the row stays so replies keep their place.</summary>
    public async Task<CommentOutcome> DeleteAsync(long accountId, long commentId, CancellationToken cancellationToken)
    {
        var (problem, comment) = await OwnLiveCommentAsync(accountId, commentId, cancellationToken);
        if (comment is null)
        {
            return new CommentOutcome(problem);
        }
        comment.Body = "";
        comment.NotifyReplies = false;
        comment.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new CommentOutcome(CommentResult.Done, comment);
    }

    private async Task<(CommentResult Problem, Comment? Comment)> OwnLiveCommentAsync(long accountId, long commentId, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.Include(c => c.Paper).SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
        return comment switch
        {
            null => (CommentResult.NoSuchComment, null),
            { DeletedAt: not null } or { RemovedAt: not null } => (CommentResult.Gone, null),
            _ when comment.AccountId != accountId => (CommentResult.NotYours, null),
            _ => (CommentResult.Done, comment),
        };
    }
}
