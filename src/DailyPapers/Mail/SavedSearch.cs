namespace DailyPapers.Mail;

/// <summary>A query whose new matches a subscription gets mailed with its digest.</summary>
public sealed class SavedSearch
{
    public long Id { get; set; }

    public long SubscriptionId { get; set; }

    public required string Query { get; set; }

    public DateTime CreatedAt { get; set; }

    public Subscription? Subscription { get; set; }
}
