using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>The subscription a signed link belongs to, if the link still stands.</summary>
public static class LinkedSubscription
{
    /// <summary>
    /// <see cref="LinkCheck.Valid"/> with the subscription, or why not: a link that does not verify,
    /// whose subscription is gone, or whose generation is past is <see cref="LinkCheck.Invalid"/>.
    /// </summary>
    public static async Task<(LinkCheck Check, Subscription? Subscription)> FindAsync(
        AppDbContext db, SignedLinks signedLinks, string? token, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        var (check, claim) = await signedLinks.CheckAsync(token, purpose, cancellationToken);
        if (check != LinkCheck.Valid)
        {
            return (check, null);
        }
        var subscription = await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == claim.SubscriptionId, cancellationToken);
        return subscription is null || subscription.TokenGeneration != claim.Generation
            ? (LinkCheck.Invalid, null)
            : (LinkCheck.Valid, subscription);
    }

    public static IResult ErrorPage(LinkCheck check) => check == LinkCheck.Expired
        ? Web.ErrorPages.Page(StatusCodes.Status410Gone, "This link has expired",
            "Confirmation links work for 7 days. Subscribe again with the box on this page to get a new one.")
        : Web.ErrorPages.Page(StatusCodes.Status400BadRequest, "This link is not valid",
            "The link is incomplete, changed, or no longer in use (after unsubscribing, the links in earlier emails stop working). Nothing was changed.");
}
