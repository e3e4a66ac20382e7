namespace DailyPapers.Mail;

/// <summary>
/// One email to deliver. Whoever decides that a message is due inserts its row under a unique
/// <see cref="Key"/> (<c>confirm:{subscription}:{nonce}</c>, <c>digest:{subscription}:{period}</c>),
/// so deciding twice cannot queue it twice; <see cref="OutboxSender"/> claims rows by lease and
/// marks them sent, so a killed sender only ever repeats the one message it held, under the same
/// Message-ID (derived from the key).
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Key { get; set; }

    /// <summary>The subscription it is for, if any: a permanent failure marks that subscription bouncing.</summary>
    public long? SubscriptionId { get; set; }

    public required string Kind { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Html { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not to be tried before this (backoff after a transient failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The sender that holds the row until <see cref="LeaseUntil"/>; once that passes, anyone may take it.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>When it failed for good (a 5xx at RCPT, or too many attempts); such rows are never tried again.</summary>
    public DateTime? FailedAt { get; set; }

    public Subscription? Subscription { get; set; }
}

/// <summary>The kinds of message the outbox carries.</summary>
public static class OutboxKinds
{
    public const string Confirm = "confirm";
    public const string AlreadySubscribed = "already-subscribed";
    public const string Digest = "digest";
}
