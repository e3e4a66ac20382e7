using DailyPapers.Accounts;
using DailyPapers.Data;
using DailyPapers.Mail;
using DailyPapers.Papers;
using DailyPapers.Web;
using DailyPapers.Web.Views;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Comments;

/// <summary>
/// The comment forms of the paper page, plain form posts that work without JavaScript: post or
/// reply, edit, delete. Each checks the antiforgery token itself (the form reader answers 400 on a
/// broken body instead of throwing), needs a confirmed account and counts against the write limit.
/// </summary>
public static class CommentEndpoints
{
    public static WebApplication MapCommentPages(this WebApplication app)
    {
        var forms = app.MapGroup("/comments").ExcludeFromDescription().DisableAntiforgery().RequireRateLimiting(AccountSetup.WritePolicy);
        forms.MapPost("", PostComment);
        forms.MapPost("/{id:long}/edit", EditComment);
        forms.MapPost("/{id:long}/delete", DeleteComment);
        return app;
    }

    private static async Task<IResult> PostComment(HttpContext http, IAntiforgery antiforgery, AppDbContext db, Commenting commenting, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form
            || !ArxivId.TryParse(AccountForms.Field(form, "paper"), out var arxivId, out _)
            || !TryParent(AccountForms.Field(form, "parent"), out var parentId))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Send the comment form as the paper page does: the paper's arXiv id and the text.");
        }
        var back = PaperLinks.PagePath(arxivId);
        if (await MemberAsync(http, antiforgery, back) is { } refused)
        {
            return refused;
        }
        if (CommentRules.Clean(form["body"].Count == 1 ? form["body"][0] : null, out var problem) is not { } body)
        {
            return Refuse(StatusCodes.Status400BadRequest, problem, back);
        }
        var paperId = await db.Papers.ByArxivId(arxivId).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (paperId is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"The catalog has no paper {arxivId}.");
        }
        var notify = AccountForms.Field(form, "notify") == "on";
        var outcome = await commenting.PostAsync(CommunityClaims.AccountId(http.User)!.Value, paperId.Value, parentId, body, notify, cancellationToken);
        return Answer(http, outcome, back);
    }

    private static async Task<IResult> EditComment(long id, HttpContext http, IAntiforgery antiforgery, Commenting commenting, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Send the edit form as the paper page does.");
        }
        if (await MemberAsync(http, antiforgery, "/") is { } refused)
        {
            return refused;
        }
        if (CommentRules.Clean(form["body"].Count == 1 ? form["body"][0] : null, out var problem) is not { } body)
        {
            return Refuse(StatusCodes.Status400BadRequest, problem);
        }
        return Answer(http, await commenting.EditAsync(CommunityClaims.AccountId(http.User)!.Value, id, body, cancellationToken), "/");
    }

    private static async Task<IResult> DeleteComment(long id, HttpContext http, IAntiforgery antiforgery, Commenting commenting, CancellationToken cancellationToken)
    {
        if (await MemberAsync(http, antiforgery, "/") is { } refused)
        {
            return refused;
        }
        return Answer(http, await commenting.DeleteAsync(CommunityClaims.AccountId(http.User)!.Value, id, cancellationToken), "/");
    }

    /// <summary>Null when a confirmed member sent the form with its token; else the answer to give.</summary>
    private static async Task<IResult?> MemberAsync(HttpContext http, IAntiforgery antiforgery, string back)
    {
        if (CommunityClaims.AccountId(http.User) is null)
        {
            return TypedResults.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(back));
        }
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return Refuse(StatusCodes.Status400BadRequest, "The page was too old to comment from; go back, reload it and send the comment again.", back);
        }
        return CommunityClaims.IsConfirmed(http.User)
            ? null
            : Refuse(StatusCodes.Status403Forbidden, "Confirm your email address first: open the link we sent (or send a new one from Settings).", "/settings");
    }

    private static IResult Answer(HttpContext http, CommentOutcome outcome, string back)
    {
        switch (outcome.Result)
        {
            case CommentResult.Done:
                var comment = outcome.Comment!;
                var page = comment.Paper is { } paper ? PaperLinks.PagePath(paper.ArxivId) : back;
                // Back to the comment (its stub, once deleted), or to the thread when nothing is left to show.
                return TypedResults.Redirect(page + "#" + (comment.DeletedAt is null ? CommentAnchors.Of(comment.Id) : CommentAnchors.Section));
            case CommentResult.TooSoon:
                http.Response.Headers.RetryAfter = SubscribeLimits.RetryAfterSeconds(outcome.RetryAfter);
                return Refuse(StatusCodes.Status429TooManyRequests,
                    $"You commented on this paper a moment ago. Wait {SubscribeLimits.RetryAfterSeconds(outcome.RetryAfter)} seconds, then send it again.", back);
            case CommentResult.NotYours:
                return Refuse(StatusCodes.Status403Forbidden, "That comment is someone else's: only its author can change it.", back);
            case CommentResult.Gone:
                return Refuse(StatusCodes.Status409Conflict, "That comment was deleted, so it can be neither changed nor answered.", back);
            default:
                return Refuse(StatusCodes.Status404NotFound, "There is no such comment on this paper.", back);
        }
    }

    private static bool TryParent(string? text, out long? parentId)
    {
        parentId = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            parentId = id;
            return true;
        }
        return false;
    }

    private static RazorComponentResult<ErrorPage> Refuse(int status, string message, string? link = null) =>
        ErrorPages.Page(status, "The comment was not saved", message, link is null ? null : (link, "Continue"));
}
