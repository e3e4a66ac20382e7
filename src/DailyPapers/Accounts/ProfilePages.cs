using DailyPapers.Accounts.Views;
using DailyPapers.Comments;
using DailyPapers.Comments.Views;
using DailyPapers.Data;
using DailyPapers.Papers;
using DailyPapers.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Accounts;

/// <summary><c>/users/{name}</c>: what a member submitted, upvoted and commented, newest first.</summary>
public static class ProfilePages
{
    private const int ListLength = 30;

    public static WebApplication MapProfilePages(this WebApplication app)
    {
        app.MapPageGroup().MapPage("/users/{name}", ShowProfile);
        return app;
    }

    private static async Task<IResult> ShowProfile(string name, AppDbContext db, CancellationToken cancellationToken)
    {
        var normalized = UserNames.TryParse(name, out var parsed, out _) ? parsed.ToUpperInvariant() : null;
        var account = normalized is null ? null : await db.Users.AsNoTracking()
            .Where(a => a.NormalizedUserName == normalized)
            .Select(a => new { a.Id, a.UserName, a.CreatedAt, a.DisabledAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return ErrorPages.NotFound("No such member", $"No account is called {SafeText.Clean(name) ?? "that"}.", ("/", "See today's papers"));
        }
        var submittedIds = await db.DailyEntries.Where(e => e.SubmittedById == account.Id)
            .OrderByDescending(e => e.SubmittedAt).Select(e => e.PaperId).Take(ListLength).ToListAsync(cancellationToken);
        var upvotedIds = await db.PaperVotes.Where(v => v.AccountId == account.Id)
            .OrderByDescending(v => v.CreatedAt).Select(v => v.PaperId).Take(ListLength).ToListAsync(cancellationToken);
        var submitted = await db.LoadPaperViewsAsync(submittedIds, cancellationToken);
        var upvoted = await db.LoadPaperViewsAsync(upvotedIds, cancellationToken);
        var comments = await db.LoadMemberCommentsAsync(account.Id, ListLength, cancellationToken);
        return new RazorComponentResult<ProfilePage>(new Dictionary<string, object?>
        {
            [nameof(ProfilePage.UserName)] = account.UserName,
            [nameof(ProfilePage.Joined)] = PaperViews.Utc(account.CreatedAt),
            [nameof(ProfilePage.Disabled)] = account.DisabledAt is not null,
            [nameof(ProfilePage.Submitted)] = submitted.Select(PaperCard.From).ToList(),
            [nameof(ProfilePage.Upvoted)] = upvoted.Select(PaperCard.From).ToList(),
            [nameof(ProfilePage.Comments)] = (RenderFragment)(page =>
            {
                page.OpenComponent<MemberComments>(0);
                page.AddComponentParameter(1, nameof(MemberComments.Comments), comments);
                page.CloseComponent();
            }),
        });
    }
}
