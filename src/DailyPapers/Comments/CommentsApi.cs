using System.ComponentModel;
using System.Text.Json;
using DailyPapers.Accounts;
using DailyPapers.Api;
using DailyPapers.Data;
using DailyPapers.Mail;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Comments;

/// <summary>
/// <c>/api/papers/{arxivId}/comments</c>: read a paper's comments; post one with an access token.
/// Old-style ids have a slash, so the papers API and the votes API take the rest of the path with
/// catch-alls; these routes match only paths ending in <c>/comments</c> and are ordered before them.
/// </summary>
public static class CommentsApi
{
    private const string Pattern = "/{**path:regex(^.+/comments$)}";
    private const string Suffix = "/comments";

    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder api)
    {
        var comments = api.MapGroup("/papers").WithTags("Comments");
        comments.MapGet(Pattern, ListComments)
            .WithOrder(-1)
            .WithName(nameof(ListComments))
            .WithSummary("A paper's comments (path: {arxivId}/comments), oldest first")
            .WithDescription("Every comment, replies included (parentId); deleted and removed ones stay as entries without text so replies keep their place. The count of comments shown is in X-Total-Count.")
            .Produces<List<CommentDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        comments.MapPost(Pattern, PostComment)
            .WithOrder(-1)
            .RequireAuthorization()
            .RequireRateLimiting(AccountSetup.WritePolicy)
            .WithName(nameof(PostComment))
            .WithSummary("Comment on a paper (path: {arxivId}/comments) as the access token's account")
            .Accepts<NewCommentDto>("application/json")
            .Produces<CommentDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<IResult> ListComments(
        [Description("{arxivId}/comments, the id in either scheme: 2405.15738/comments, hep-th/9901001/comments.")] string path,
        HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var (paperId, _, problem) = await PaperAsync(path, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var comments = await db.LoadCommentsAsync(paperId, cancellationToken);
        http.Response.Headers["X-Total-Count"] = comments.Count(c => c.State == CommentState.Live).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(comments.Select(CommentDto.From).ToList(), CommentsJsonContext.Default.ListCommentDto);
    }

    public static async Task<IResult> PostComment(string path, HttpContext http, AppDbContext db, Commenting commenting, CancellationToken cancellationToken)
    {
        var (paperId, arxivId, notFound) = await PaperAsync(path, db, cancellationToken);
        if (notFound is not null)
        {
            return notFound;
        }
        if (!CommunityClaims.IsConfirmed(http.User))
        {
            return TypedResults.Problem(statusCode: 403, title: "Email not confirmed", detail: "Confirm the account's email address before commenting.");
        }
        NewCommentDto? posted;
        try
        {
            posted = await JsonSerializer.DeserializeAsync(http.Request.Body, CommentsJsonContext.Default.NewCommentDto, cancellationToken);
        }
        catch (JsonException)
        {
            posted = null;
        }
        if (posted is null)
        {
            return ApiProblems.InvalidParameter("body", "Send a JSON object: {\"body\": \"Markdown text\", \"parentId\": optional id, \"notifyReplies\": optional true}.");
        }
        if (CommentRules.Clean(posted.Body, out var problem) is not { } body)
        {
            return ApiProblems.InvalidParameter("body", problem);
        }
        var outcome = await commenting.PostAsync(CommunityClaims.AccountId(http.User)!.Value, paperId, posted.ParentId, body, posted.NotifyReplies, cancellationToken);
        switch (outcome.Result)
        {
            case CommentResult.Done:
                var created = (await db.LoadCommentsAsync(paperId, cancellationToken)).Single(c => c.Id == outcome.Comment!.Id);
                return TypedResults.Json(CommentDto.From(created), CommentsJsonContext.Default.CommentDto, statusCode: StatusCodes.Status201Created);
            case CommentResult.TooSoon:
                http.Response.Headers.RetryAfter = SubscribeLimits.RetryAfterSeconds(outcome.RetryAfter);
                return TypedResults.Problem(statusCode: 429, title: "Too soon", detail: $"This account commented on {arxivId} a moment ago; wait {SubscribeLimits.RetryAfterSeconds(outcome.RetryAfter)} seconds.");
            case CommentResult.Gone:
                return TypedResults.Problem(statusCode: 409, title: "Comment gone", detail: $"Comment {posted.ParentId} was deleted and cannot be answered.");
            default:
                return ApiProblems.InvalidParameter("parentId", $"Paper {arxivId} has no comment {posted.ParentId}.");
        }
    }

    /// <summary>The paper a path <c>{arxivId}/comments</c> names, or the problem to answer: 400 for a malformed id, 404 for one not in the catalog.</summary>
    private static async Task<(long PaperId, string ArxivId, IResult? Problem)> PaperAsync(string path, AppDbContext db, CancellationToken cancellationToken)
    {
        // A slash sent as %2F stays encoded in the path; accept it like a literal slash.
        var text = Uri.UnescapeDataString(path);
        text = text.EndsWith(Suffix, StringComparison.Ordinal) ? text[..^Suffix.Length] : text;
        if (!ArxivId.TryParse(text, out var id, out _, out var reason))
        {
            return (0, "", ApiProblems.InvalidParameter("arxivId", PapersApi.ArxivIdProblem(text, reason)));
        }
        var paperId = await db.Papers.ByArxivId(id).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        return paperId is { } found ? (found, id, null) : (0, id, ApiProblems.NotFound(PapersApi.NotInCatalog(id)));
    }
}
