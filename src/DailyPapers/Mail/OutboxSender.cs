using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>What one run of the sender did.</summary>
public readonly record struct SendRun(int Sent, int Postponed, int Failed)
{
    public int Attempted => Sent + Postponed + Failed;
}

/// <summary>
/// Delivers the outbox: claims one due row at a time under a lease (<see cref="OutboxClaims"/>),
/// sends it, marks it sent. A transient failure sets the row's next attempt (exponential backoff
/// with jitter) and ends the run, since the server is likely down for the rest too; a permanent one
/// fails the row, and a refused recipient marks its subscription bouncing. A sender killed while
/// holding a row leaves it to whoever claims it after the lease; that copy carries the same
/// Message-ID.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes, MailTransports transports, SiteSecrets secrets, SignedLinks signedLinks, MailLinks links,
    IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
{
    /// <summary>Who holds a lease: host, process and this sender instance.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Sends every due row (up to <paramref name="limit"/>), then returns.</summary>
    public async Task<SendRun> RunOnceAsync(CancellationToken cancellationToken, int limit = int.MaxValue)
    {
        var from = options.Value.From;
        byte[]? siteKey = null;
        int sent = 0, postponed = 0, failed = 0;
        // Opening is free (SMTP connects on the first message), so an idle run touches nothing but one query.
        await using var transport = transports.Open();
        while (sent + postponed + failed < limit)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await OutboxClaims.ClaimNextAsync(db, Owner, clock.GetUtcNow().UtcDateTime, options.Value.Lease, cancellationToken);
            if (row is null)
            {
                break;
            }
            var subscription = row.SubscriptionId is { } id ? await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
            if (WhyNotToSend(row, subscription) is { } reason)
            {
                await FailAsync(db, row, reason, bounce: false);
                failed++;
                continue;
            }
            var unsubscribe = subscription is null ? null : links.Unsubscribe(await signedLinks.CreateAsync(LinkPurpose.Unsubscribe, subscription, cancellationToken));
            siteKey ??= await secrets.GetAsync(SiteSecrets.LinkSigningKey, cancellationToken);
            var message = OutboxMime.Build(row, from, OutboxMime.MessageId(row.Key, siteKey, links.Host), links.Host, unsubscribe);
            if (clock.GetUtcNow().UtcDateTime >= row.LeaseUntil)
            {
                // Too slow (a stalled process or database): another sender may hold the row by now,
                // and sending anyway would double it. Leave it to whoever claims it next.
                continue;
            }
            try
            {
                await transport.SendAsync(message, cancellationToken);
            }
            catch (PermanentDeliveryException failure)
            {
                await FailAsync(db, row, failure.Message, bounce: failure.RecipientRejected);
                failed++;
                continue;
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await PostponeAsync(db, row, failure);
                postponed++;
                break;
            }
            // Not cancellable: the server has the message, so losing the mark would only send it again.
            await OutboxClaims.MarkSentAsync(db, row.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            sent++;
        }
        return new SendRun(sent, postponed, failed);
    }

    /// <summary>Digests go to confirmed addresses only; the confirmation email to pending ones; nothing to bouncing or unsubscribed ones.</summary>
    private static string? WhyNotToSend(OutboxMessage row, Subscription? subscription) => subscription?.State switch
    {
        null => null,
        SubscriptionState.Bouncing => "not sent: the address is bouncing",
        SubscriptionState.Unsubscribed => "not sent: the address unsubscribed",
        SubscriptionState.Pending when row.Kind == OutboxKinds.Digest => "not sent: the address is not confirmed",
        _ => null,
    };

    private async Task PostponeAsync(AppDbContext db, OutboxMessage row, Exception failure)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var error = Describe(failure);
        if (row.Attempts >= options.Value.MaxAttempts)
        {
            await FailAsync(db, row, $"gave up after {row.Attempts} attempts; last: {error}", bounce: false);
            return;
        }
        var next = now + RetryBackoff.Delay(row.Attempts, options.Value.RetryDelay, options.Value.MaxRetryDelay);
        LogPostponed(logger, row.Key, row.Attempts, next, error);
        await db.Outbox.Where(m => m.Id == row.Id && m.SentAt == null).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastError, error)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Not cancellable: once decided, the row must not be left claimed and half-marked.</summary>
    private async Task FailAsync(AppDbContext db, OutboxMessage row, string reason, bool bounce)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var error = SafeText.Clip(SafeText.Clean(reason) ?? "failed", 1000);
        LogFailed(logger, row.Key, error);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Outbox.Where(m => m.Id == row.Id && m.SentAt == null).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.FailedAt, now)
            .SetProperty(x => x.LastError, error)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTime?)null), CancellationToken.None);
        if (bounce && row.SubscriptionId is { } id)
        {
            await db.Subscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, SubscriptionState.Bouncing)
                .SetProperty(x => x.BouncingSince, now)
                .SetProperty(x => x.StateChangedAt, now), CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static string Describe(Exception failure) =>
        SafeText.Clip(SafeText.Clean(failure is MailKit.Net.Smtp.SmtpCommandException smtp
            ? $"SMTP {(int)smtp.StatusCode}: {smtp.Message}"
            : $"{failure.GetType().Name}: {failure.Message}") ?? failure.GetType().Name, 1000);

    [LoggerMessage(LogLevel.Warning, "Outbox {Key}: attempt {Attempt} failed, next at {Next:O}: {Error}")]
    private static partial void LogPostponed(ILogger logger, string key, int attempt, DateTime next, string error);

    [LoggerMessage(LogLevel.Warning, "Outbox {Key}: failed for good: {Error}")]
    private static partial void LogFailed(ILogger logger, string key, string error);
}
