using DailyPapers.Data;
using DailyPapers.Papers;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Accounts;

/// <summary>
/// Upvoting from the pages (<c>POST /vote</c>, a form without JavaScript, a fetch with it) and from
/// the API (<c>POST</c>/<c>DELETE /api/papers/{id}/upvote</c> with an access token). Both go
/// through <see cref="Votes"/>; both need a confirmed account and count against the write limit.
/// </summary>
public static class VoteEndpoints
{
    public static WebApplication MapVotePages(this WebApplication app)
    {
        app.MapPost("/vote", VoteFromPage).ExcludeFromDescription().DisableAntiforgery().RequireRateLimiting(AccountSetup.WritePolicy);
        return app;
    }

    public static RouteGroupBuilder MapVotesApi(this RouteGroupBuilder api)
    {
        // A catch-all, because old-style arXiv ids have a slash (hep-th/9901001/upvote).
        var votes = api.MapGroup("/papers").WithTags("Votes").RequireAuthorization().RequireRateLimiting(AccountSetup.WritePolicy);
        votes.MapPost("/{**path}", (string path, HttpContext http, AppDbContext db, Votes service, CancellationToken cancellationToken) =>
            VoteFromApiAsync(path, up: true, http, db, service, cancellationToken))
            .WithSummary("Upvote a paper (path: {arxivId}/upvote) as the access token's account; voting twice keeps one vote.");
        votes.MapDelete("/{**path}", (string path, HttpContext http, AppDbContext db, Votes service, CancellationToken cancellationToken) =>
            VoteFromApiAsync(path, up: false, http, db, service, cancellationToken))
            .WithSummary("Take back the access token's account's upvote of a paper (path: {arxivId}/upvote).");
        return api;
    }

    private static async Task<IResult> VoteFromApiAsync(string path, bool up, HttpContext http, AppDbContext db, Votes votes, CancellationToken cancellationToken)
    {
        const string Suffix = "/upvote";
        if (!path.EndsWith(Suffix, StringComparison.Ordinal) || !ArxivId.TryParse(path[..^Suffix.Length], out var arxivId, out _, out var reason))
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: "Upvotes live at /api/papers/{arxivId}/upvote (POST to vote, DELETE to take it back).");
        }
        if (!CommunityClaims.IsConfirmed(http.User))
        {
            return Results.Problem(statusCode: 403, title: "Email not confirmed", detail: "Confirm the account's email address before voting.");
        }
        var paperId = await db.Papers.ByArxivId(arxivId).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (paperId is null)
        {
            return Results.Problem(statusCode: 404, title: "No such paper", detail: $"The catalog has no paper {arxivId}.");
        }
        var account = CommunityClaims.AccountId(http.User)!.Value;
        var state = up ? await votes.UpvoteAsync(account, paperId.Value, arxivId, cancellationToken) : await votes.RemoveAsync(account, paperId.Value, arxivId, cancellationToken);
        return TypedResults.Ok(state);
    }

    private static async Task<IResult> VoteFromPage(HttpContext http, IAntiforgery antiforgery, AppDbContext db, Votes votes, CancellationToken cancellationToken)
    {
        var wantsJson = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form
            || !ArxivId.TryParse(AccountForms.Field(form, "paper"), out var arxivId, out _)
            || AccountForms.Field(form, "action") is not ("up" or "remove"))
        {
            return Refuse(wantsJson, StatusCodes.Status400BadRequest, "Send the vote form as the page does: a paper's arXiv id and up or remove.");
        }
        var back = PaperLinks.PagePath(arxivId);
        if (CommunityClaims.AccountId(http.User) is not { } account)
        {
            var signIn = "/signin?returnUrl=" + Uri.EscapeDataString(back);
            return wantsJson
                ? Results.Json(new { error = "Sign in to upvote.", signIn }, statusCode: StatusCodes.Status401Unauthorized)
                : TypedResults.Redirect(signIn);
        }
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return Refuse(wantsJson, StatusCodes.Status400BadRequest, "The page was too old to vote from; reload it and press the button again.", back);
        }
        if (!CommunityClaims.IsConfirmed(http.User))
        {
            return Refuse(wantsJson, StatusCodes.Status403Forbidden, "Confirm your email address first: open the link we sent (or send a new one from Settings).", "/settings");
        }
        var paperId = await db.Papers.ByArxivId(arxivId).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (paperId is null)
        {
            return Refuse(wantsJson, StatusCodes.Status404NotFound, $"The catalog has no paper {arxivId}.");
        }
        var state = AccountForms.Field(form, "action") == "up"
            ? await votes.UpvoteAsync(account, paperId.Value, arxivId, cancellationToken)
            : await votes.RemoveAsync(account, paperId.Value, arxivId, cancellationToken);
        if (wantsJson)
        {
            return TypedResults.Ok(state);
        }
        // Back where the button was (the Referer, when it is a page of this site), else the paper.
        return TypedResults.Redirect(LocalReferer(http) ?? back);
    }

    private static string? LocalReferer(HttpContext http)
    {
        if (!Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            || !string.Equals(referer.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var local = AccountForms.LocalReturnUrl(referer.PathAndQuery);
        return local == "/" && referer.PathAndQuery != "/" ? null : local;
    }

    private static IResult Refuse(bool json, int status, string message, string? link = null) => json
        ? Results.Json(new { error = message }, statusCode: status)
        : ErrorPages.Page(status, "The vote was not counted", message, link is null ? null : (link, "Continue"));
}
