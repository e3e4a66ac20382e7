using DailyPapers.Data;
using DailyPapers.Mail.Views;
using DailyPapers.Papers;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>
/// Subscribe, confirm, unsubscribe. None of these pages is output-cached: the subscribe form holds a
/// per-visitor antiforgery token, and the others act on one subscription.
/// </summary>
public static class SubscriptionPages
{
    public static WebApplication MapSubscriptionPages(this WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/subscribe", ShowSubscribePage);
        pages.MapPost("/subscribe", Subscribe).RequireRateLimiting(SubscribeLimits.ClientPolicy);
        pages.MapGet("/subscribe/confirm", ConfirmSubscription);
        pages.MapGet("/unsubscribe", ShowUnsubscribePage);
        // RFC 8058 one-click: the mail provider POSTs "List-Unsubscribe=One-Click" without cookies,
        // so the signed token is the only proof; no antiforgery, no redirect.
        pages.MapPost("/unsubscribe", Unsubscribe);
        return app;
    }

    private static RazorComponentResult<SubscribePage> ShowSubscribePage(HttpContext http, IAntiforgery antiforgery, string? email) =>
        SubscribeForm(http, antiforgery, email, problem: null, confirming: false, StatusCodes.Status200OK);

    /// <summary>
    /// The box on every page posts here without an antiforgery token (those pages are cached and
    /// shared, see "Subscribing" in the architecture notes): such a post, or one whose token is
    /// stale, gets this page's own form with a token, and the address is taken only from that.
    /// </summary>
    private static async Task<IResult> Subscribe(HttpContext http, IAntiforgery antiforgery, SubscribeLimits limits, Subscribing subscribing, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return ErrorPages.BadRequest("Send the subscribe form (an email address), as a browser does; this request could not be read as one.");
        }
        var given = form["email"];
        string? problem = "Enter one email address.";
        var address = given.Count == 1 ? EmailAddress.Normalize(given[0], out problem) : null;
        if (address is null)
        {
            return SubscribeForm(http, antiforgery, SafeText.Clean(given.FirstOrDefault()), problem, confirming: false, StatusCodes.Status400BadRequest);
        }
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return SubscribeForm(http, antiforgery, address, problem: null, confirming: true, StatusCodes.Status200OK);
        }
        if (!limits.TryAcquire(address, out var wait))
        {
            http.Response.Headers.RetryAfter = SubscribeLimits.RetryAfterSeconds(wait);
            return SubscribeLimits.TooManyRequests(wait);
        }
        await subscribing.SubscribeAsync(address, cancellationToken);
        return Notice("Check your inbox",
            $"If {address} can receive email, a message is on its way to it. Open the link in it to confirm the subscription (or, if the address is already subscribed, to change its preferences).");
    }

    private static async Task<IResult> ConfirmSubscription(string? token, AppDbContext db, SignedLinks signedLinks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (check, subscription) = await LinkedSubscription.FindAsync(db, signedLinks, token, LinkPurpose.Confirm, cancellationToken);
        if (subscription is null)
        {
            return LinkedSubscription.ErrorPage(check);
        }
        if (subscription.State == SubscriptionState.Pending)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Conditional on state and generation, so a link revoked a moment ago cannot confirm.
            await db.Subscriptions
                .Where(s => s.Id == subscription.Id && s.TokenGeneration == subscription.TokenGeneration && s.State == SubscriptionState.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.State, SubscriptionState.Confirmed)
                    .SetProperty(x => x.ConfirmedAt, now)
                    .SetProperty(x => x.StateChangedAt, now), cancellationToken);
        }
        else if (subscription.State != SubscriptionState.Confirmed)
        {
            return LinkedSubscription.ErrorPage(LinkCheck.Invalid);
        }
        // The confirmation link proved the reader holds the address, so the page may open its preferences.
        var preferences = "/preferences?token=" + Uri.EscapeDataString(await signedLinks.CreateAsync(LinkPurpose.Preferences, subscription, cancellationToken));
        return Notice("You are subscribed", $"The digest of trending papers will come to {subscription.Address}. Every email has a link to change its preferences or to unsubscribe.",
            (preferences, "Choose how often, how many papers and which topics"));
    }

    private static async Task<IResult> ShowUnsubscribePage(string? token, HttpContext http, AppDbContext db, SignedLinks signedLinks, CancellationToken cancellationToken)
    {
        var (check, subscription) = await LinkedSubscription.FindAsync(db, signedLinks, token, LinkPurpose.Unsubscribe, cancellationToken);
        if (subscription is null)
        {
            return LinkedSubscription.ErrorPage(check);
        }
        return new RazorComponentResult<UnsubscribePage>(new Dictionary<string, object?>
        {
            [nameof(UnsubscribePage.Address)] = subscription.Address,
            [nameof(UnsubscribePage.Action)] = "/unsubscribe?token=" + Uri.EscapeDataString(token!),
        });
    }

    private static async Task<IResult> Unsubscribe(string? token, AppDbContext db, SignedLinks signedLinks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (check, subscription) = await LinkedSubscription.FindAsync(db, signedLinks, token, LinkPurpose.Unsubscribe, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Raising the generation retires every link mailed so far, this one included.
        var changed = subscription is null ? 0 : await db.Subscriptions
            .Where(s => s.Id == subscription.Id && s.TokenGeneration == subscription.TokenGeneration)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, SubscriptionState.Unsubscribed)
                .SetProperty(x => x.UnsubscribedAt, now)
                .SetProperty(x => x.StateChangedAt, now)
                .SetProperty(x => x.TokenGeneration, x => x.TokenGeneration + 1), cancellationToken);
        return changed == 1
            ? TypedResults.Text($"Unsubscribed: no more DailyPapers emails will be sent to {subscription!.Address}.\n")
            : TypedResults.Text("This unsubscribe link is not valid or no longer in use (an address that already unsubscribed gets no more email). Nothing was changed.\n",
                statusCode: StatusCodes.Status400BadRequest);
    }

    private static RazorComponentResult<SubscribePage> SubscribeForm(HttpContext http, IAntiforgery antiforgery, string? email, string? problem, bool confirming, int statusCode)
    {
        // Sets the antiforgery cookie and Cache-Control: no-store, so no cache keeps this page.
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<SubscribePage>(new Dictionary<string, object?>
        {
            [nameof(SubscribePage.Email)] = email,
            [nameof(SubscribePage.Problem)] = problem,
            [nameof(SubscribePage.Confirming)] = confirming,
            [nameof(SubscribePage.TokenField)] = tokens.FormFieldName,
            [nameof(SubscribePage.TokenValue)] = tokens.RequestToken,
        })
        { StatusCode = statusCode };
    }

    private static RazorComponentResult<MailNoticePage> Notice(string heading, string message, (string Url, string Text)? link = null) =>
        MailNoticePage.Result(heading, message, link);
}
