using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>
/// Decides what a digest holds: the period's top trending papers (the site's own
/// <see cref="Trending"/> score, as of the period's due time) that pass the subscription's
/// <see cref="TopicFilter"/>, then each saved search's new matches (featured or added since the last
/// digest) through the site's <see cref="SearchService"/>; papers already mailed are left out when
/// the subscriber asked never to get one twice. One composer serves one run: the trending list of a
/// span and the answer to a query are loaded once however many subscriptions share them.
/// </summary>
public sealed class DigestComposer(AppDbContext db, SearchService search)
{
    /// <summary>How many of a saved search's newest matches are looked at for new ones.</summary>
    public const int SearchCandidates = 100;

    private readonly Dictionary<(DateOnly, DateOnly, DateTimeOffset), List<TrendingCandidate>> _trending = [];
    private readonly Dictionary<string, IReadOnlyList<SearchHit>> _searches = new(StringComparer.Ordinal);
    private readonly Dictionary<long, IReadOnlyList<string>> _authorNames = [];

    private sealed record TrendingCandidate(long PaperId, string ArxivId, string Title, string? Abstract, string Categories, int Upvotes, int Rank);

    /// <summary>
    /// The digest of <paramref name="subscription"/> (with its saved searches loaded) for
    /// <paramref name="period"/>, composed at <paramref name="now"/>: saved searches mail what is new up to then.
    /// </summary>
    public async Task<DigestDraft> DraftAsync(Subscription subscription, DigestPeriod period, DateTimeOffset now, string? note, CancellationToken cancellationToken)
    {
        var filter = TopicFilter.FromStored(subscription.IncludeCategories, subscription.ExcludeCategories, subscription.IncludeKeywords, subscription.ExcludeKeywords);
        var count = Math.Clamp(subscription.PapersPerDigest, 1, Subscription.MaxPapersPerDigest);
        var sent = subscription.NeverSendTwice
            ? (await db.SentPapers.AsNoTracking().Where(s => s.SubscriptionId == subscription.Id).Select(s => s.PaperId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var chosen = (await TrendingAsync(period, cancellationToken))
            .Where(c => !sent.Contains(c.PaperId) && filter.Passes(c.Categories, c.Title, c.Abstract))
            .Take(count).ToList();
        var authors = await AuthorNamesAsync(chosen.Select(c => c.PaperId), cancellationToken);
        List<DigestPaper> trending = [.. chosen.Select(c => new DigestPaper(c.PaperId, c.ArxivId, c.Title, c.Abstract,
            authors.GetValueOrDefault(c.PaperId) ?? [], c.Upvotes, $"#{c.Rank} trending {period.Span}"))];

        var taken = trending.Select(p => p.PaperId).Concat(sent).ToHashSet();
        var since = subscription.LastDigestAt is { } last
            ? DateTime.SpecifyKind(last, DateTimeKind.Utc)
            : period.Days.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        List<DigestPaper> matches = [];
        foreach (var saved in subscription.SavedSearches.OrderBy(s => s.Id))
        {
            var hits = (await SearchAsync(saved.Query, cancellationToken))
                .Where(h => !taken.Contains(h.Paper.Id) && IsNew(h.Paper, since, now.UtcDateTime)
                    && !filter.Excludes(h.Paper.Categories, h.Paper.Title, h.Paper.Abstract))
                .Take(count).ToList();
            foreach (var hit in hits)
            {
                taken.Add(hit.Paper.Id);
                matches.Add(new DigestPaper(hit.Paper.Id, hit.Paper.ArxivId, hit.Paper.Title, hit.Paper.Abstract,
                    [.. hit.Paper.AuthorNames], hit.Paper.Upvotes,
                    $"matches your search '{SafeText.Clean(saved.Query)}'"));
            }
        }
        return new DigestDraft(subscription, period, trending, matches, note);
    }

    /// <summary>"New" is featured on the feed, or added to the catalog, after the last digest (and not after this one is composed).</summary>
    private static bool IsNew(PaperView paper, DateTime since, DateTime until) =>
        (paper.CreatedAt > since && paper.CreatedAt <= until) || paper.FeedDays.Any(e => e.SubmittedAt > since && e.SubmittedAt <= until);

    /// <summary>
    /// The span's papers in trending order as of the due time, so the same period ranks the same
    /// whenever it is composed; a paper featured on several days of a week counts once, at its best.
    /// </summary>
    private async Task<List<TrendingCandidate>> TrendingAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        var cacheKey = (period.Days.Start, period.Days.Last, period.DueAt);
        if (_trending.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }
        var entries = db.DailyEntries.AsNoTracking().InPeriod(period.Days);
        var rows = await entries
            .Select(e => new { e.PaperId, e.Paper!.ArxivId, e.Paper.Title, e.Paper.Abstract, e.Paper.Categories, Imported = e.Paper.Upvotes, Upvotes = e.Paper.Upvotes + e.Paper.Votes.Count, e.SubmittedAt })
            .ToListAsync(cancellationToken);
        var votes = await db.VoteTimesAsync(entries, cancellationToken);
        var ranked = rows
            .OrderByDescending(r => Trending.Score(r.Imported, r.SubmittedAt, votes[r.PaperId], period.DueAt)).ThenByDescending(r => r.SubmittedAt).ThenBy(r => r.PaperId)
            .DistinctBy(r => r.PaperId)
            .Select((r, i) => new TrendingCandidate(r.PaperId, r.ArxivId, r.Title, r.Abstract, r.Categories, r.Upvotes, i + 1))
            .ToList();
        _trending[cacheKey] = ranked;
        return ranked;
    }

    /// <summary>
    /// Author names of these papers. The same few trending papers head thousands of digests of one
    /// run, so each paper's names are loaded once per composer, not once per digest.
    /// </summary>
    private async Task<Dictionary<long, IReadOnlyList<string>>> AuthorNamesAsync(IEnumerable<long> paperIds, CancellationToken cancellationToken)
    {
        List<long> missing = [.. paperIds.Where(id => !_authorNames.ContainsKey(id))];
        foreach (var paper in await db.LoadPaperViewsAsync(missing, cancellationToken))
        {
            _authorNames[paper.Id] = [.. paper.AuthorNames];
        }
        return _authorNames;
    }

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        if (_searches.TryGetValue(query, out var cached))
        {
            return cached;
        }
        var request = new SearchRequest(query) { Sort = SearchSort.Newest, PageSize = SearchCandidates };
        // A saved query the search no longer accepts (rules tightened since) mails nothing rather than failing the digest.
        IReadOnlyList<SearchHit> hits = request.Validate() is null ? (await search.SearchAsync(request, cancellationToken)).Hits : [];
        _searches[query] = hits;
        return hits;
    }
}
