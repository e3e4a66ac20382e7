using DailyPapers.Papers;

namespace DailyPapers.Mail;

/// <summary>A paper a subscription has been mailed, for "never send me a paper twice".</summary>
public sealed class SentPaper
{
    public long SubscriptionId { get; set; }

    public long PaperId { get; set; }

    public DateTime SentAt { get; set; }

    public Subscription? Subscription { get; set; }

    public Paper? Paper { get; set; }
}
