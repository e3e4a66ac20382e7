using System.Globalization;
using DailyPapers.Accounts;
using DailyPapers.Comments;
using DailyPapers.Data;
using DailyPapers.Moderation.Views;
using DailyPapers.Papers;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Moderation;

/// <summary>A log entry as the public page shows it.</summary>
public sealed record ModerationEntry(DateTime At, string Moderator, string Kind, string Target, string? TargetLabel, string? Reason);

/// <summary>The public <c>/moderation</c> log, and the moderators' own forms (admin role only).</summary>
public static class ModerationPages
{
    private const int PageSize = 100;

    public static WebApplication MapModerationPages(this WebApplication app)
    {
        app.MapPageGroup().MapPage("/moderation", ShowLog);
        var act = app.MapGroup("/moderation").ExcludeFromDescription().DisableAntiforgery()
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        act.MapPost("/papers", (HttpContext http, IAntiforgery antiforgery, Moderating moderating, IOutputCacheStore cache, CancellationToken cancellationToken) =>
            ActAsync(http, antiforgery, cache, async (target, verb, reason) =>
                ArxivId.TryParse(target, out var id, out _)
                    ? (await moderating.HidePaperAsync(id, http.User.Identity!.Name!, reason, verb == "hide", cancellationToken), PaperLinks.PagePath(id))
                    : (new Moderating.Outcome(false, "Not an arXiv id."), "/moderation"), cancellationToken));
        act.MapPost("/accounts", (HttpContext http, IAntiforgery antiforgery, Moderating moderating, IOutputCacheStore cache, CancellationToken cancellationToken) =>
            ActAsync(http, antiforgery, cache, async (target, verb, reason) =>
                (await moderating.DisableAccountAsync(target, http.User.Identity!.Name!, reason, verb == "disable", cancellationToken), "/users/" + Uri.EscapeDataString(target)), cancellationToken));
        act.MapPost("/comments", (HttpContext http, IAntiforgery antiforgery, Moderating moderating, AppDbContext db, IOutputCacheStore cache, CancellationToken cancellationToken) =>
            ActAsync(http, antiforgery, cache, async (target, verb, reason) =>
            {
                if (verb != "remove" || !long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return (new Moderating.Outcome(false, "A comment is removed by its number."), "/moderation");
                }
                var paper = await db.Comments.Where(c => c.Id == id).Select(c => c.Paper!.ArxivId).SingleOrDefaultAsync(cancellationToken);
                var back = paper is null ? "/moderation" : PaperLinks.PagePath(paper) + "#" + CommentAnchors.Of(id);
                return (await moderating.RemoveCommentAsync(id, http.User.Identity!.Name!, reason, cancellationToken), back);
            }, cancellationToken));
        return app;
    }

    private static async Task<IResult> ShowLog(string? p, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!Pager.TryParsePage(p, out var page, out var problem))
        {
            return ErrorPages.BadRequest(problem);
        }
        var total = await db.ModerationActions.CountAsync(cancellationToken);
        var pager = new Pager(page, PageSize, total);
        var actions = await db.ModerationActions.AsNoTracking()
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new ModerationEntry(a.At, a.Moderator, a.Kind, a.Target, a.TargetLabel, a.Reason))
            .ToListAsync(cancellationToken);
        return new RazorComponentResult<ModerationPage>(new Dictionary<string, object?>
        {
            [nameof(ModerationPage.Actions)] = actions.Select(a => a with { At = PaperViews.Utc(a.At) }).ToList(),
            [nameof(ModerationPage.Pager)] = pager,
        });
    }

    private static async Task<IResult> ActAsync(HttpContext http, IAntiforgery antiforgery, IOutputCacheStore cache,
        Func<string, string, string?, Task<(Moderating.Outcome Outcome, string Back)>> act, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form || !await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return ErrorPages.BadRequest("The moderator form had expired; reload the page and try again. Nothing was changed.");
        }
        var target = AccountForms.Field(form, "target");
        var verb = AccountForms.Field(form, "action");
        var reason = AccountForms.Field(form, "reason");
        if (target is null || verb is not ("hide" or "show" or "disable" or "enable" or "remove") || reason is null)
        {
            return ErrorPages.BadRequest("A moderator action needs its target, what to do and a reason for the public log.");
        }
        var (outcome, back) = await act(target, verb, reason);
        if (!outcome.Done)
        {
            return ErrorPages.Page(StatusCodes.Status409Conflict, "Nothing was changed", outcome.Message, ("/moderation", "Moderation log"));
        }
        // This node's cached pages go at once; other nodes' within the page cache's lifetime.
        await cache.EvictByTagAsync(PageCache.Tag, cancellationToken);
        return ErrorPages.Page(StatusCodes.Status200OK, "Done", outcome.Message, (back, "Continue"));
    }
}
