using System.Security.Cryptography;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// What a subscribe request does to the database and the outbox. The visitor always gets the same
/// answer ("check your inbox"); only the mailbox owner learns which case it was.
/// </summary>
public sealed class Subscribing(AppDbContext db, SignedLinks signedLinks, MailLinks links, TimeProvider clock, IOptions<MailOptions> options)
{
    /// <summary><paramref name="address"/> is already normalized (<see cref="EmailAddress.Normalize"/>).</summary>
    public async Task SubscribeAsync(string address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Address == address, cancellationToken)
            ?? await CreateAsync(address, now, cancellationToken);
        if (subscription.LastNoticeQueuedAt is { } last && now - last < options.Value.ResendInterval)
        {
            // A repeated request within the interval: the email already on its way answers it.
            return;
        }
        if (subscription.State is SubscriptionState.Unsubscribed or SubscriptionState.Bouncing)
        {
            // Asking again is asking anew: the address must be confirmed again before any digest.
            subscription.State = SubscriptionState.Pending;
            subscription.StateChangedAt = now;
        }
        subscription.LastNoticeQueuedAt = now;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var (kind, content) = subscription.State == SubscriptionState.Confirmed
            ? (OutboxKinds.AlreadySubscribed, MailTemplates.AlreadySubscribed(links.Preferences(await signedLinks.CreateAsync(LinkPurpose.Preferences, subscription, cancellationToken))))
            : (OutboxKinds.Confirm, MailTemplates.Confirm(links.Confirm(await signedLinks.CreateAsync(LinkPurpose.Confirm, subscription, cancellationToken))));
        // One SaveChanges: the state change and the email commit together.
        db.Outbox.Add(OutboxRows.Clean(new OutboxMessage
        {
            Key = $"{kind}:{subscription.Id}:{nonce}",
            SubscriptionId = subscription.Id,
            Kind = kind,
            Recipient = address,
            Subject = content.Subject,
            Html = content.Html,
            Text = content.Text,
            CreatedAt = now,
            NextAttemptAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Subscription> CreateAsync(string address, DateTime now, CancellationToken cancellationToken)
    {
        var subscription = new Subscription { Address = address, CreatedAt = now, StateChangedAt = now };
        db.Subscriptions.Add(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return subscription;
        }
        catch (DbUpdateException)
        {
            // The same address arrived twice at once (another node, a double click): use the row that won.
            db.Entry(subscription).State = EntityState.Detached;
            return await db.Subscriptions.SingleAsync(s => s.Address == address, cancellationToken);
        }
    }
}
