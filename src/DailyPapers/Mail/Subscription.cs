namespace DailyPapers.Mail;

/// <summary>
/// One email address that asked for digests. No account: the address is the identity, proven by the
/// double opt-in link; every later link (preferences, unsubscribe) is a signed token for this row.
/// </summary>
public sealed class Subscription
{
    public long Id { get; set; }

    /// <summary>Normalized: the local part as given (it may be case-sensitive), the domain lower-cased (<see cref="EmailAddress"/>).</summary>
    public required string Address { get; set; }

    public SubscriptionState State { get; set; } = SubscriptionState.Pending;

    /// <summary>When <see cref="State"/> last changed.</summary>
    public DateTime StateChangedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>When a permanent delivery failure (5xx at RCPT) stopped all mail to the address.</summary>
    public DateTime? BouncingSince { get; set; }

    /// <summary>
    /// Part of every signed link; raising it revokes every link mailed so far (unsubscribing does, so
    /// an old confirmation link cannot quietly subscribe the address again).
    /// </summary>
    public int TokenGeneration { get; set; }

    /// <summary>When the last confirmation (or "already subscribed") email was queued: re-sends are spaced by <see cref="MailOptions.ResendInterval"/>.</summary>
    public DateTime? LastNoticeQueuedAt { get; set; }

    // Preferences. The defaults live here rather than as database defaults: EF Core would skip a
    // column whose value equals the CLR default (false, 0) and let a database default overwrite it.
    public DigestFrequency Frequency { get; set; } = DigestFrequency.Daily;

    /// <summary>Local hour (0-23) in <see cref="TimeZone"/> at which a digest is due.</summary>
    public int SendHour { get; set; } = 7;

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>1 to <see cref="MaxPapersPerDigest"/>.</summary>
    public int PapersPerDigest { get; set; } = 10;

    public const int MaxPapersPerDigest = 50;

    /// <summary>arXiv categories or archives, comma-separated; null means no filter.</summary>
    public string? IncludeCategories { get; set; }

    public string? ExcludeCategories { get; set; }

    /// <summary>Keywords, comma-separated.</summary>
    public string? IncludeKeywords { get; set; }

    public string? ExcludeKeywords { get; set; }

    public bool NeverSendTwice { get; set; } = true;

    public bool SendWhenEmpty { get; set; }

    /// <summary>When the last digest was composed into the outbox; saved searches mail what is new since then.</summary>
    public DateTime? LastDigestAt { get; set; }

    /// <summary>Why the last period sent nothing ("nothing new"), shown on the preferences page.</summary>
    public string? LastSkipReason { get; set; }

    /// <summary>When <see cref="LastSkipReason"/> was decided.</summary>
    public DateTime? LastSkippedAt { get; set; }

    /// <summary>
    /// The last digest period composed or skipped (<c>2026-12-04</c>, <c>2026-W49</c>, <c>2026-12</c>):
    /// the scheduler passes over a subscription whose due period is this one without touching the
    /// outbox. The outbox's unique key, not this column, is what keeps a period from being mailed twice.
    /// </summary>
    public string? LastPeriodKey { get; set; }

    public List<SavedSearch> SavedSearches { get; set; } = [];
}

public enum SubscriptionState
{
    Pending,
    Confirmed,
    Unsubscribed,
    Bouncing,
}

public enum DigestFrequency
{
    Weekdays,
    Daily,
    Weekly,
    Monthly,
}
