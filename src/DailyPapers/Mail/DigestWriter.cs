using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

public enum DigestOutcome
{
    Composed,

    /// <summary>Nothing to send and the subscriber does not want empty digests: the reason is noted on the subscription.</summary>
    Skipped,

    /// <summary>The outbox already held this period's digest (another node, an earlier run).</summary>
    AlreadyComposed,
}

/// <summary>Writes a drafted digest: the outbox row, the papers it sends (never-twice) and the subscription's notes, in one transaction.</summary>
public sealed class DigestWriter(AppDbContext db, SignedLinks signedLinks, MailLinks links)
{
    public DigestOutcome Predict(DigestDraft draft) =>
        draft.IsEmpty && !draft.Subscription.SendWhenEmpty ? DigestOutcome.Skipped : DigestOutcome.Composed;

    public async Task<MailTemplates.Content> RenderAsync(DigestDraft draft, CancellationToken cancellationToken)
    {
        var subscription = draft.Subscription;
        var preferences = links.Preferences(await signedLinks.CreateAsync(LinkPurpose.Preferences, subscription, cancellationToken));
        var unsubscribe = links.Unsubscribe(await signedLinks.CreateAsync(LinkPurpose.Unsubscribe, subscription, cancellationToken));
        return DigestTemplates.Digest(draft, new DigestTemplates.Links(links.Page, preferences, unsubscribe));
    }

    public async Task<DigestOutcome> WriteAsync(DigestDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subscription = draft.Subscription;
        var at = now.UtcDateTime;
        var key = draft.Period.Key;
        if (Predict(draft) == DigestOutcome.Skipped)
        {
            // Empty because a composer that just won this period recorded its papers as sent: not a skip.
            if (await db.Outbox.AnyAsync(m => m.Key == draft.OutboxKey, cancellationToken))
            {
                return DigestOutcome.AlreadyComposed;
            }
            var reason = $"Nothing new for {draft.Period.Label}: no trending paper passed your filters" +
                (subscription.SavedSearches.Count > 0 ? " and your saved searches had no new matches." : ".");
            await db.Subscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LastSkipReason, reason)
                .SetProperty(x => x.LastSkippedAt, at)
                .SetProperty(x => x.LastPeriodKey, key), cancellationToken);
            return DigestOutcome.Skipped;
        }
        var content = await RenderAsync(draft, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Outbox.Add(OutboxRows.Clean(new OutboxMessage
        {
            Key = draft.OutboxKey,
            SubscriptionId = subscription.Id,
            Kind = OutboxKinds.Digest,
            Recipient = subscription.Address,
            Subject = content.Subject,
            Html = content.Html,
            Text = content.Text,
            CreatedAt = at,
            NextAttemptAt = at,
        }));
        if (subscription.NeverSendTwice)
        {
            db.SentPapers.AddRange(draft.Papers.Select(p => new SentPaper { SubscriptionId = subscription.Id, PaperId = p.PaperId, SentAt = at }));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique key said no: another composer wrote this period first. Its row stands, with its papers.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await db.Outbox.AnyAsync(m => m.Key == draft.OutboxKey, cancellationToken))
            {
                return DigestOutcome.AlreadyComposed;
            }
            throw;
        }
        db.ChangeTracker.Clear();
        await db.Subscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LastDigestAt, at)
            .SetProperty(x => x.LastPeriodKey, key), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DigestOutcome.Composed;
    }
}
