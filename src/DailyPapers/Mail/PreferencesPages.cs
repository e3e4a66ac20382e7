using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Mail.Views;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>
/// The preferences page, opened from the signed link in every email (no account): GET shows the
/// form, POST (antiforgery) saves it, <c>/preferences/preview</c> renders the next digest's HTML part.
/// None of it is cached: the form holds a per-visitor token and all of it acts on one subscription.
/// </summary>
public static class PreferencesPages
{
    public static WebApplication MapPreferencesPages(this WebApplication app)
    {
        var pages = app.MapGroup("/preferences").ExcludeFromDescription();
        pages.MapGet("", ShowPreferencesPage);
        pages.MapPost("", SavePreferences).DisableAntiforgery();
        pages.MapGet("/preview", ShowDigestPreview);
        return app;
    }

    private static async Task<IResult> ShowPreferencesPage(string? token, string? saved, HttpContext http, IAntiforgery antiforgery, AppDbContext db, SignedLinks signedLinks, MailLinks links, CancellationToken cancellationToken)
    {
        var (check, found) = await LinkedSubscription.FindAsync(db, signedLinks, token, LinkPurpose.Preferences, cancellationToken);
        if (found is null)
        {
            return LinkedSubscription.ErrorPage(check);
        }
        var subscription = await LoadAsync(db, found.Id, tracking: false, cancellationToken);
        return Page(http, antiforgery, links, token!, subscription, PreferencesForm.From(subscription), [], saved == "1", StatusCodes.Status200OK);
    }

    /// <summary>Antiforgery is checked here rather than by the middleware, so a stale form gets this page with a message instead of a bare 400.</summary>
    private static async Task<IResult> SavePreferences(string? token, HttpContext http, IAntiforgery antiforgery, AppDbContext db, SignedLinks signedLinks, MailLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (check, found) = await LinkedSubscription.FindAsync(db, signedLinks, token, LinkPurpose.Preferences, cancellationToken);
        if (found is null)
        {
            return LinkedSubscription.ErrorPage(check);
        }
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } posted)
        {
            return ErrorPages.BadRequest("Send the preferences form, as a browser does; this request could not be read as one.");
        }
        var subscription = await LoadAsync(db, found.Id, tracking: true, cancellationToken);
        var form = PreferencesForm.From(posted);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(http, antiforgery, links, token!, subscription, form.ForDisplay(),
                ["The form had expired, so nothing was saved. Check the values and save again."], false, StatusCodes.Status400BadRequest);
        }
        var problems = form.Validate(subscription.SavedSearches.Count, out var valid);
        if (valid is null)
        {
            return Page(http, antiforgery, links, token!, subscription, form.ForDisplay(), problems, false, StatusCodes.Status400BadRequest);
        }
        valid.ApplyTo(subscription, db, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        // Post/redirect/get: reloading the page does not post again.
        return TypedResults.Redirect("/preferences?token=" + Uri.EscapeDataString(token!) + "&saved=1");
    }

    private static async Task<IResult> ShowDigestPreview(string? token, HttpContext http, AppDbContext db, SignedLinks signedLinks, DigestComposition composition, DigestWriter writer, CancellationToken cancellationToken)
    {
        var (check, found) = await LinkedSubscription.FindAsync(db, signedLinks, token, LinkPurpose.Preferences, cancellationToken);
        if (found is null)
        {
            return LinkedSubscription.ErrorPage(check);
        }
        var subscription = await LoadAsync(db, found.Id, tracking: false, cancellationToken);
        var draft = await composition.PreviewAsync(subscription, cancellationToken);
        var content = await writer.RenderAsync(draft, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        // The digest's own HTML, as the email carries it: every value in it is encoded by the template,
        // and its inline styles are allowed for this response alone.
        SecurityHeaders.ServeAsEmailHtml(http.Response);
        return TypedResults.Content(content.Html, "text/html; charset=utf-8");
    }

    private static Task<Subscription> LoadAsync(AppDbContext db, long id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Subscriptions.Include(s => s.SavedSearches).Where(s => s.Id == id);
        return (tracking ? query : query.AsNoTracking()).SingleAsync(cancellationToken);
    }

    private static RazorComponentResult<PreferencesPage> Page(HttpContext http, IAntiforgery antiforgery, MailLinks links, string token, Subscription subscription,
        PreferencesForm form, IReadOnlyList<string> problems, bool saved, int statusCode)
    {
        // Sets the antiforgery cookie and Cache-Control: no-store.
        var tokens = antiforgery.GetAndStoreTokens(http);
        var filter = TopicFilter.FromStored(subscription.IncludeCategories, subscription.ExcludeCategories, subscription.IncludeKeywords, subscription.ExcludeKeywords);
        var feedQuery = QueryString.Create(filter.ToQuery()).Value ?? "";
        var searches = subscription.SavedSearches.OrderBy(s => s.Id)
            .Select(s => new PreferencesPage.SavedSearchRow(s.Id, s.Query,
                links.Page("/papers/search.atom" + QueryString.Create([new("q", s.Query), .. filter.ToQuery(excludesOnly: true)]).Value)))
            .ToList();
        var query = "?token=" + Uri.EscapeDataString(token);
        return new RazorComponentResult<PreferencesPage>(new Dictionary<string, object?>
        {
            [nameof(PreferencesPage.Subscription)] = subscription,
            [nameof(PreferencesPage.Form)] = form,
            [nameof(PreferencesPage.Problems)] = problems,
            [nameof(PreferencesPage.Saved)] = saved,
            [nameof(PreferencesPage.Action)] = "/preferences" + query,
            [nameof(PreferencesPage.PreviewUrl)] = "/preferences/preview" + query,
            [nameof(PreferencesPage.FeedUrl)] = links.Page("/papers.atom" + feedQuery),
            [nameof(PreferencesPage.SavedSearches)] = searches,
            [nameof(PreferencesPage.TokenField)] = tokens.FormFieldName,
            [nameof(PreferencesPage.TokenValue)] = tokens.RequestToken,
        })
        { StatusCode = statusCode };
    }
}
