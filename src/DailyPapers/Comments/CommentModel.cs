using DailyPapers.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Comments;

/// <summary>The <c>comments</c> table.</summary>
internal static class CommentModel
{
    public static void Apply(ModelBuilder modelBuilder) => modelBuilder.Entity<Comment>(comment =>
    {
        comment.ToTable("comments");
        // A paper's thread in order; a member's comments for their profile; a comment's replies.
        comment.HasIndex(c => new { c.PaperId, c.CreatedAt });
        comment.HasIndex(c => c.AccountId);
        comment.HasIndex(c => c.ParentId);
        comment.Property(c => c.Body).HasMaxLength(CommentRules.MaxBodyLength);
        comment.HasOne(c => c.Paper).WithMany().HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Cascade);
        // As its paper's: a hidden paper's comments leave the API, profiles and counts with it.
        comment.HasQueryFilter(c => c.Paper!.HiddenAt == null);
        comment.HasOne(c => c.Account).WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.SetNull);
        // Rows are never deleted one by one (a deleted comment stays as a stub); only a paper's
        // removal takes its whole thread, in one statement, which NO ACTION lets through.
        comment.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.NoAction);
        comment.HasOne<Account>().WithMany().HasForeignKey(c => c.RemovedById).OnDelete(DeleteBehavior.SetNull);
    });
}
