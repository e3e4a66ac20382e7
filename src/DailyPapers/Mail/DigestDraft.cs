namespace DailyPapers.Mail;

/// <summary>A paper in a digest, with why it is there ("#3 trending this week", "matches your search 'diffusion policy'").</summary>
public sealed record DigestPaper(long PaperId, string ArxivId, string Title, string? Abstract, IReadOnlyList<string> Authors, int Upvotes, string Reason);

/// <summary>What one subscription's digest for one period holds, before it is written anywhere.</summary>
public sealed record DigestDraft(Subscription Subscription, DigestPeriod Period, IReadOnlyList<DigestPaper> Trending, IReadOnlyList<DigestPaper> SearchMatches, string? Note)
{
    public string OutboxKey => $"{OutboxKinds.Digest}:{Subscription.Id}:{Period.Key}";

    public IEnumerable<DigestPaper> Papers => Trending.Concat(SearchMatches);

    public bool IsEmpty => Trending.Count == 0 && SearchMatches.Count == 0;
}
