using DailyPapers.Accounts;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Moderation;

/// <summary>
/// What moderators do, each action with its row in the public log, in one transaction. Used by the
/// moderator buttons on the pages and by <c>dailypapers admin</c>.
/// </summary>
public sealed class Moderating(AppDbContext db, UserManager<Account> users, HiddenPapers hidden, TimeProvider clock)
{
    /// <summary>The name the log shows for actions taken on the command line.</summary>
    public const string Operator = "operator";

    public sealed record Outcome(bool Done, string Message);

    public async Task<Outcome> HidePaperAsync(string arxivId, string moderator, string? reason, bool hide, CancellationToken cancellationToken)
    {
        var paper = await db.Papers.IgnoreQueryFilters().ByArxivId(arxivId).Select(p => new { p.Id, p.Title, p.HiddenAt }).SingleOrDefaultAsync(cancellationToken);
        if (paper is null)
        {
            return new Outcome(false, $"The catalog has no paper {arxivId}.");
        }
        if (paper.HiddenAt is not null == hide)
        {
            return new Outcome(false, hide ? $"{arxivId} is hidden already." : $"{arxivId} is not hidden.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Papers.IgnoreQueryFilters().Where(p => p.Id == paper.Id)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.HiddenAt, hide ? now : null), cancellationToken);
        Log(moderator, hide ? ModerationKinds.HidePaper : ModerationKinds.ShowPaper, arxivId, paper.Title, reason, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        hidden.Forget();
        return new Outcome(true, hide ? $"{arxivId} is hidden from every list, feed, search and API answer." : $"{arxivId} is shown again.");
    }

    /// <summary>Disabling ends the account's sessions at once (a new security stamp) and its tokens stop working (they check the flag).</summary>
    public async Task<Outcome> DisableAccountAsync(string userName, string moderator, string? reason, bool disable, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } account)
        {
            return new Outcome(false, $"No account is called {userName}.");
        }
        if (account.DisabledAt is not null == disable)
        {
            return new Outcome(false, disable ? $"{account.UserName} is disabled already." : $"{account.UserName} is not disabled.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        account.DisabledAt = disable ? now : null;
        await users.UpdateSecurityStampAsync(account);
        Log(moderator, disable ? ModerationKinds.DisableAccount : ModerationKinds.EnableAccount, account.UserName!, null, reason, now);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(true, disable ? $"{account.UserName} is disabled: signed out everywhere, tokens refused." : $"{account.UserName} may sign in again.");
    }

    /// <summary>
    /// Takes a member's comment off the site: it stops counting and showing everywhere, and a
    /// "removed by a moderator" stub keeps its replies in place. The text stays in the database,
    /// shown nowhere, as the record of what was removed.
    /// </summary>
    public async Task<Outcome> RemoveCommentAsync(long commentId, string moderator, string? reason, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.Include(c => c.Paper).Include(c => c.Account).SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
        if (comment?.Paper is not { } paper)
        {
            return new Outcome(false, $"There is no comment {commentId}.");
        }
        if (comment.RemovedAt is not null || comment.DeletedAt is not null)
        {
            return new Outcome(false, comment.RemovedAt is not null ? $"Comment {commentId} is removed already." : $"Comment {commentId} was deleted by its author.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        comment.RemovedAt = now;
        comment.RemovedById = await db.Users.Where(a => a.UserName == moderator).Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
        comment.NotifyReplies = false;
        Log(moderator, ModerationKinds.RemoveComment, $"#{commentId}", $"by {comment.Account?.UserName ?? "a deleted account"} on {paper.ArxivId} ({paper.Title})", reason, now);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(true, $"Comment {commentId} is removed; a stub says so where it was.");
    }

    public async Task<Outcome> SetAdminAsync(string userName, bool admin, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(userName) is not { } account)
        {
            return new Outcome(false, $"No account is called {userName}.");
        }
        if (await users.IsInRoleAsync(account, Roles.Admin) == admin)
        {
            return new Outcome(false, admin ? $"{account.UserName} is a moderator already." : $"{account.UserName} is not a moderator.");
        }
        var roles = db.Roles;
        var normalized = Roles.Admin.ToUpperInvariant();
        if (admin && !await roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
        {
            roles.Add(new IdentityRole<long> { Name = Roles.Admin, NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync(cancellationToken);
        }
        var changed = admin ? await users.AddToRoleAsync(account, Roles.Admin) : await users.RemoveFromRoleAsync(account, Roles.Admin);
        if (!changed.Succeeded)
        {
            return new Outcome(false, string.Join(" ", changed.Errors.Select(e => e.Description)));
        }
        // No new stamp (that would sign them out): sessions rebuild their roles from the database on every request.
        Log(Operator, admin ? ModerationKinds.GrantAdmin : ModerationKinds.RevokeAdmin, account.UserName!, null, null, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(true, admin ? $"{account.UserName} is a moderator." : $"{account.UserName} is no longer a moderator.");
    }

    /// <summary>Adds the log row; the caller's SaveChanges commits it with the action.</summary>
    public void Log(string moderator, string kind, string target, string? label, string? reason, DateTime at) =>
        db.ModerationActions.Add(new ModerationAction
        {
            At = at,
            Moderator = moderator,
            Kind = kind,
            Target = SafeText.Clip(SafeText.Clean(target) ?? "?", 200),
            TargetLabel = SafeText.Clean(label) is { } text ? SafeText.Clip(text, 1000) : null,
            Reason = SafeText.Clean(reason) is { } why ? SafeText.Clip(why, 500) : null,
        });
}
