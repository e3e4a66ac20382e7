using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Accounts;

/// <summary>Identity's tables under plain names (accounts, roles, ...) and the access tokens.</summary>
internal static class AccountModel
{
    public const int UserNameMaxLength = 39;

    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.UserName).HasMaxLength(UserNameMaxLength);
            account.Property(a => a.NormalizedUserName).HasMaxLength(UserNameMaxLength);
            // Identity checks addresses for uniqueness before it saves; the index keeps two sign-ups racing with one address from both winning.
            account.HasIndex(a => a.NormalizedEmail).IsUnique();
        });
        modelBuilder.Entity<IdentityRole<long>>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<long>>().ToTable("account_roles");
        modelBuilder.Entity<IdentityUserClaim<long>>().ToTable("account_claims");
        modelBuilder.Entity<IdentityUserLogin<long>>().ToTable("account_logins");
        modelBuilder.Entity<IdentityUserToken<long>>().ToTable("account_tokens");
        modelBuilder.Entity<IdentityRoleClaim<long>>().ToTable("role_claims");
        modelBuilder.Entity<AccessToken>(token =>
        {
            token.ToTable("access_tokens");
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.AccountId);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Prefix).HasMaxLength(20);
            token.Property(t => t.Hash).HasMaxLength(32);
            token.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PaperVote>(vote =>
        {
            vote.ToTable("paper_votes");
            // The key is the rule: one vote per account per paper, whatever races the requests run.
            vote.HasKey(v => new { v.PaperId, v.AccountId });
            vote.HasIndex(v => v.AccountId);
            vote.HasIndex(v => new { v.PaperId, v.CreatedAt });
            vote.HasOne(v => v.Paper).WithMany(p => p.Votes).HasForeignKey(v => v.PaperId).OnDelete(DeleteBehavior.Cascade);
            vote.HasOne(v => v.Account).WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
            vote.HasQueryFilter(v => v.Paper!.HiddenAt == null);
        });
    }
}
