using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Moderation;

/// <summary>
/// The ids of hidden papers, for the parts that answer from this node's search indexes without
/// asking the database about each paper (a plain relevance search, similar papers): they drop
/// these ids. Everything that reads papers from the database leaves hidden ones out by the query
/// filter instead. Re-read at most every <see cref="Freshness"/>, so a paper hidden on another node
/// leaves this node's search answers within that time; the node that hides it forgets at once.
/// </summary>
public sealed class HiddenPapers(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private (IReadOnlySet<long> Ids, long ReadAt)? _current;

    public async ValueTask<IReadOnlySet<long>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetElapsedTime(current.ReadAt) < Freshness)
        {
            return current.Ids;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = (await db.Papers.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.HiddenAt != null).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        _current = (ids, clock.GetTimestamp());
        return ids;
    }

    public void Forget() => _current = null;
}
