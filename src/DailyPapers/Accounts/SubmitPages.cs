using System.Text.Json;
using DailyPapers.Accounts.Views;
using DailyPapers.Ingest;
using DailyPapers.Papers;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Accounts;

/// <summary>Submitting a paper: the <c>/submit</c> page and Hugging Face's <c>POST /api/papers/index</c>.</summary>
public static class SubmitPages
{
    public const string SubmitPolicy = AccountSetup.WritePolicy;

    public static WebApplication MapSubmitPages(this WebApplication app)
    {
        var pages = app.MapGroup("/submit").ExcludeFromDescription().DisableAntiforgery().RequireAuthorization();
        pages.MapGet("", (HttpContext http, IAntiforgery antiforgery, string? id) => Form(http, antiforgery, id, [], StatusCodes.Status200OK));
        pages.MapPost("", SubmitFromPage).RequireRateLimiting(SubmitPolicy);
        return app;
    }

    public sealed record IndexRequest(string? ArxivId);

    public static RouteGroupBuilder MapSubmitApi(this RouteGroupBuilder api)
    {
        api.MapPost("/papers/index", SubmitFromApi).WithTags("Submissions").RequireAuthorization().RequireRateLimiting(SubmitPolicy)
            .WithSummary("Put a paper on today's daily page, as the access token's account (body: {\"arxivId\": \"2405.15738\"}).")
            .Accepts<IndexRequest>("application/json")
            .Produces<SubmitResult>(StatusCodes.Status201Created);
        return api;
    }

    private static RazorComponentResult<AccountFormPage> Form(HttpContext http, IAntiforgery antiforgery, string? id, IReadOnlyList<string> problems, int status) =>
        AccountForms.Page(http, antiforgery, "Submit a paper",
            "Put a paper on today's page by its arXiv id or its arXiv or Hugging Face URL. A paper is submitted once, within two weeks of its first version.",
            "/submit", "Submit",
            [new("arxivId", "arXiv id or URL", Value: SafeText.Clean(id), MaxLength: 200, Hint: "e.g. 2405.15738 or https://arxiv.org/abs/2405.15738")],
            problems, statusCode: status);

    private static async Task<IResult> SubmitFromPage(HttpContext http, IAntiforgery antiforgery, Submissions submissions, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return ErrorPages.BadRequest("Send the submit form as a browser does; this request could not be read as one.");
        }
        var given = AccountForms.Field(form, "arxivId");
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return Form(http, antiforgery, given, ["This form had expired; nothing was submitted. Send it again."], StatusCodes.Status400BadRequest);
        }
        var result = await SubmitAsync(http, submissions, given, cancellationToken);
        return result.Accepted
            ? TypedResults.Redirect(PaperLinks.PagePath(result.ArxivId))
            : Form(http, antiforgery, given, [result.Message], result.Status);
    }

    private static async Task<IResult> SubmitFromApi(HttpContext http, Submissions submissions, CancellationToken cancellationToken)
    {
        IndexRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<IndexRequest>(cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Results.Problem(statusCode: 400, title: "Bad request", detail: "Send JSON {\"arxivId\": \"2405.15738\"} with Content-Type: application/json.");
        }
        var result = await SubmitAsync(http, submissions, body?.ArxivId, cancellationToken);
        return result.Accepted
            ? Results.Json(result, statusCode: StatusCodes.Status201Created)
            : Results.Problem(statusCode: result.Status, title: "Not submitted", detail: result.Message);
    }

    private static async Task<SubmitResult> SubmitAsync(HttpContext http, Submissions submissions, string? given, CancellationToken cancellationToken)
    {
        if (!ArxivId.TryParse(given, out var arxivId, out _, out var reason))
        {
            return SubmitResult.Refused(SafeText.Clean(given) ?? "", $"That is not an arXiv id or paper URL ({reason}).");
        }
        if (!CommunityClaims.IsConfirmed(http.User) || CommunityClaims.AccountId(http.User) is not { } account)
        {
            return SubmitResult.Refused(arxivId, "Confirm your email address first: open the link we sent (or send a new one from Settings).", StatusCodes.Status403Forbidden);
        }
        try
        {
            return await submissions.SubmitAsync(account, http.User.Identity!.Name!, arxivId, cancellationToken);
        }
        catch (ArxivUnavailableException offline)
        {
            return SubmitResult.Refused(arxivId, offline.Message + " Nothing was stored; try again in a while.", StatusCodes.Status503ServiceUnavailable);
        }
    }
}
