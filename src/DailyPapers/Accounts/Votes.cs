using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Accounts;

/// <summary>A paper's upvote count after a vote, and whether the member's vote is on it.</summary>
public sealed record VoteState(string ArxivId, int Upvotes, bool Voted);

/// <summary>
/// Casting and taking back upvotes. The primary key (paper, account) is the one-vote rule; the
/// insert says ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike), so a double click, a retry
/// or requests racing on two nodes leave one row and no error.
/// </summary>
public sealed class Votes(AppDbContext db, TimeProvider clock)
{
    public async Task<VoteState> UpvoteAsync(long accountId, long paperId, string arxivId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO paper_votes (paper_id, account_id, created_at) VALUES ({paperId}, {accountId}, {now}) ON CONFLICT DO NOTHING", cancellationToken);
        return await StateAsync(accountId, paperId, arxivId, cancellationToken);
    }

    public async Task<VoteState> RemoveAsync(long accountId, long paperId, string arxivId, CancellationToken cancellationToken)
    {
        await db.PaperVotes.Where(v => v.PaperId == paperId && v.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        return await StateAsync(accountId, paperId, arxivId, cancellationToken);
    }

    public async Task<VoteState> StateAsync(long accountId, long paperId, string arxivId, CancellationToken cancellationToken)
    {
        var counts = await db.Papers.Where(p => p.Id == paperId)
            .Select(p => new { p.Upvotes, Local = p.Votes.Count, Mine = p.Votes.Any(v => v.AccountId == accountId) })
            .SingleAsync(cancellationToken);
        return new VoteState(arxivId, counts.Upvotes + counts.Local, counts.Mine);
    }
}
