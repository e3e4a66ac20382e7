using DailyPapers.Accounts;
using DailyPapers.Comments;
using DailyPapers.Feed;
using DailyPapers.Jobs;
using DailyPapers.Mail;
using DailyPapers.Papers;
using DailyPapers.Search;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Data;

/// <summary>
/// The one DbContext. Each provider has a derived type (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) only so that each keeps its own migration set.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<Account, IdentityRole<long>, long>(options), IDataProtectionKeyContext
{
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<PaperAuthor> PaperAuthors => Set<PaperAuthor>();
    public DbSet<DailyEntry> DailyEntries => Set<DailyEntry>();
    public DbSet<ChangeCounter> ChangeCounters => Set<ChangeCounter>();
    public DbSet<JobCursor> JobCursors => Set<JobCursor>();
    public DbSet<PaperEmbedding> PaperEmbeddings => Set<PaperEmbedding>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<SentPaper> SentPapers => Set<SentPaper>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<PaperVote> PaperVotes => Set<PaperVote>();
    public DbSet<Moderation.ModerationAction> ModerationActions => Set<Moderation.ModerationAction>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<IndexSnapshot> IndexSnapshots => Set<IndexSnapshot>();
    public DbSet<IndexSnapshotChunk> IndexSnapshotChunks => Set<IndexSnapshotChunk>();

    /// <summary>The Data Protection key ring, shared by every node (see <c>Web/SharedKeyRing.cs</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's own mapping first (accounts, roles, their keys and indexes); AccountModel renames its tables.
        base.OnModelCreating(builder);
        builder.Entity<Paper>(paper =>
        {
            paper.ToTable("papers");
            paper.HasIndex(p => p.ArxivId).IsUnique();
            paper.HasIndex(p => p.ChangeSeq);
            paper.HasIndex(p => p.PublishedAt);
            paper.Property(p => p.ArxivId).HasMaxLength(64);
            paper.Property(p => p.Title).HasMaxLength(1000);
            paper.Property(p => p.Categories).HasMaxLength(1000);
            paper.Property(p => p.PrimaryCategory).HasMaxLength(64);
            // Hidden papers are gone from every query; the few that must see them say IgnoreQueryFilters.
            paper.HasQueryFilter(p => p.HiddenAt == null);
            // Only the hidden few are indexed (HiddenPapers reads them). A full index on hidden_at made
            // SQLite answer "hidden_at IS NULL AND change_seq > ?" by walking every visible paper's entry
            // (an equality it prefers to the range), 500 ms at 130k papers on every search.
            paper.HasIndex(p => p.HiddenAt).HasFilter("hidden_at IS NOT NULL");
        });
        builder.Entity<Author>(author =>
        {
            author.ToTable("authors");
            author.HasIndex(a => a.Name).IsUnique();
            author.Property(a => a.Name).HasMaxLength(500);
        });
        builder.Entity<PaperAuthor>(link =>
        {
            link.ToTable("paper_authors");
            link.HasKey(l => new { l.PaperId, l.Position });
            link.HasIndex(l => l.AuthorId);
            link.HasOne(l => l.Paper).WithMany(p => p.Authors).HasForeignKey(l => l.PaperId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne(l => l.Author).WithMany(a => a.Papers).HasForeignKey(l => l.AuthorId).OnDelete(DeleteBehavior.Cascade);
            link.HasQueryFilter(l => l.Paper!.HiddenAt == null);
        });
        builder.Entity<DailyEntry>(entry =>
        {
            entry.ToTable("daily_entries");
            entry.HasIndex(e => new { e.Day, e.PaperId }).IsUnique();
            entry.HasIndex(e => e.PaperId);
            entry.Property(e => e.Source).HasMaxLength(64);
            entry.Property(e => e.SubmittedBy).HasMaxLength(200);
            entry.HasOne(e => e.Paper).WithMany(p => p.DailyEntries).HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);
            entry.HasQueryFilter(e => e.Paper!.HiddenAt == null);
            entry.HasIndex(e => e.SubmittedById);
            entry.HasOne<Account>().WithMany().HasForeignKey(e => e.SubmittedById).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<ChangeCounter>(counter =>
        {
            counter.ToTable("change_counter");
            counter.Property(c => c.Id).ValueGeneratedNever();
            counter.HasData(new ChangeCounter { Id = 1, Value = 0 });
        });
        builder.Entity<JobCursor>(cursor =>
        {
            cursor.ToTable("job_cursors");
            cursor.HasKey(c => c.Name);
            cursor.Property(c => c.Name).HasMaxLength(100);
        });
        builder.Entity<JobLease>(lease =>
        {
            lease.ToTable("job_leases");
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(100);
            lease.Property(l => l.Owner).HasMaxLength(100);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<Moderation.ModerationAction>(action =>
        {
            action.ToTable("moderation_actions");
            action.HasIndex(a => a.At);
            action.Property(a => a.Moderator).HasMaxLength(100);
            action.Property(a => a.Kind).HasMaxLength(40);
            action.Property(a => a.Target).HasMaxLength(200);
            action.Property(a => a.TargetLabel).HasMaxLength(1000);
            action.Property(a => a.Reason).HasMaxLength(500);
        });
        builder.ApplyConfiguration(new PaperEmbeddingConfiguration());
        builder.ApplyConfiguration(new IndexSnapshotConfiguration());
        builder.ApplyConfiguration(new IndexSnapshotChunkConfiguration());
        MailModel.Apply(builder);
        AccountModel.Apply(builder);
        CommentModel.Apply(builder);
        SnakeCaseNames.Apply(builder);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
