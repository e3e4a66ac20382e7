using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>The mail tables: subscriptions and their saved searches and sent papers, the outbox, site secrets, job leases.</summary>
internal static class MailModel
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.ToTable("subscriptions");
            subscription.HasIndex(s => s.Address).IsUnique();
            subscription.Property(s => s.Address).HasMaxLength(EmailAddress.MaxLength);
            subscription.Property(s => s.State).HasConversion(LowerCase<SubscriptionState>()).HasMaxLength(20);
            subscription.Property(s => s.Frequency).HasConversion(LowerCase<DigestFrequency>()).HasMaxLength(20);
            subscription.Property(s => s.TimeZone).HasMaxLength(100);
            subscription.Property(s => s.LastSkipReason).HasMaxLength(500);
            subscription.Property(s => s.LastPeriodKey).HasMaxLength(40);
        });
        modelBuilder.Entity<SavedSearch>(search =>
        {
            search.ToTable("saved_searches");
            search.HasIndex(s => s.SubscriptionId);
            search.Property(s => s.Query).HasMaxLength(250);
            search.HasOne(s => s.Subscription).WithMany(s => s.SavedSearches).HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SentPaper>(sent =>
        {
            sent.ToTable("sent_papers");
            sent.HasKey(s => new { s.SubscriptionId, s.PaperId });
            sent.HasIndex(s => s.PaperId);
            sent.HasOne(s => s.Subscription).WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            sent.HasOne(s => s.Paper).WithMany().HasForeignKey(s => s.PaperId).OnDelete(DeleteBehavior.Cascade);
            sent.HasQueryFilter(s => s.Paper!.HiddenAt == null);
        });
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox");
            message.HasIndex(m => m.Key).IsUnique();
            // The sender's scan: unsent, not failed, due.
            message.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
            message.HasIndex(m => m.SubscriptionId);
            message.Property(m => m.Key).HasMaxLength(200);
            message.Property(m => m.Kind).HasMaxLength(40);
            message.Property(m => m.Recipient).HasMaxLength(EmailAddress.MaxLength);
            message.Property(m => m.Subject).HasMaxLength(500);
            message.Property(m => m.LeaseOwner).HasMaxLength(100);
            message.Property(m => m.LastError).HasMaxLength(1000);
            message.HasOne(m => m.Subscription).WithMany().HasForeignKey(m => m.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SiteSecret>(secret =>
        {
            secret.ToTable("site_secrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(100);
        });
    }

    /// <summary>Enums as lower-case words (<c>daily</c>, <c>confirmed</c>): readable in SQL and stable across renames of nothing but case.</summary>
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> LowerCase<T>()
        where T : struct, Enum =>
        new(value => value.ToString().ToLowerInvariant(), text => Enum.Parse<T>(text, true));
}
