namespace DailyPapers.Search;

public enum SearchSort
{
    Relevance,
    Newest,
    Upvotes,
}

/// <summary>Filters applied to every lane's candidates before fusion results are counted and paged.</summary>
public sealed record SearchFilters
{
    public static readonly SearchFilters None = new();

    /// <summary>First arXiv publication day to include (UTC, inclusive).</summary>
    public DateOnly? PublishedFrom { get; init; }

    /// <summary>Last arXiv publication day to include (UTC, inclusive).</summary>
    public DateOnly? PublishedTo { get; init; }

    /// <summary>arXiv categories (<c>cs.CL</c>) or whole archives (<c>cs</c>); a paper matches with any of them.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Only papers that have been on the daily feed.</summary>
    public bool FeaturedOnly { get; init; }

    public bool IsEmpty => PublishedFrom is null && PublishedTo is null && Categories.Count == 0 && !FeaturedOnly;
}

/// <summary>What ranking needs to know of a candidate paper, loaded from the database.</summary>
public sealed record PaperFacts(long PaperId, DateTime? PublishedAt, string Categories, int Upvotes, bool Featured);

/// <summary>How much each lane's reciprocal rank counts in the fused score.</summary>
public sealed record FusionWeights(double Keyword, double Dense)
{
    public static readonly FusionWeights Even = new(Keyword: 1.0, Dense: 1.0);
}

/// <summary>
/// The relevance floor: below it a candidate is not a result. A paper passes when it is an exact answer,
/// when the keyword lane found it with at least <see cref="MinKeywordCoverage"/> of the query (the idf
/// of the query terms it has over that of the query's telling terms, see <see cref="SearchOptions.CoverageTerms"/>),
/// or when the semantic lane found it with a cosine similarity of at least <see cref="MinDenseSimilarity"/>
/// and within <see cref="DenseMargin"/> of the query's best similarity (an absolute floor alone lets
/// through papers that share a word's meaning but not the topic). Either lane can vouch for a paper,
/// so fusion keeps what either lane alone would keep; each lane's ranks still count in full.
/// <para>
/// For a question of at least <see cref="KeywordHeadMinTerms"/> distinct terms, the keyword lane's
/// first <see cref="KeywordHead"/> papers pass too once any of its papers reaches the coverage floor.
/// Coverage is measured against a long question's two rarest words, and a relevant paper may say one
/// of them in other words (CACM's questions run to 20 terms); BM25's best few are the lane's surest
/// answers. A short query is matched nearly whole or not at all, so it gets no head ("mixture of
/// experts" keeps out the papers about experts), and neither does a query nothing covers (nonsense).
/// </para>
/// </summary>
public sealed record RelevanceFloor(double MinKeywordCoverage, double MinDenseSimilarity, double DenseMargin = 2,
    int KeywordHead = 0, int KeywordHeadMinTerms = 1)
{
    /// <summary>No floor: everything a lane found passes (coverage is at least 0, cosine similarity at least -1).</summary>
    public static readonly RelevanceFloor Off = new(0, -1, 2);

    /// <summary>
    /// Whether a paper passes, from its evidence: <paramref name="inKeywordHead"/> says whether it is among
    /// the keyword lane's first <see cref="KeywordHead"/> of a question that lane answers (<see cref="InKeywordHead"/>).
    /// </summary>
    public bool Passes(bool exact, double? keywordCoverage, double? denseSimilarity, double bestSimilarity, bool inKeywordHead = false) =>
        exact || inKeywordHead || keywordCoverage >= MinKeywordCoverage
        || (denseSimilarity >= MinDenseSimilarity && denseSimilarity >= bestSimilarity - DenseMargin);

    /// <summary>Whether any of the keyword lane's coverages reaches the floor: the query has a keyword answer.</summary>
    public bool KeywordLaneAnswers(IEnumerable<double> coverages) => coverages.Any(coverage => coverage >= MinKeywordCoverage);

    /// <param name="keywordRank">The paper's 1-based rank in the keyword lane, null when that lane did not find it.</param>
    /// <param name="laneAnswers">What <see cref="KeywordLaneAnswers"/> said of the query.</param>
    /// <param name="queryTerms">The query's distinct terms (<see cref="KeywordMatches.QueryTerms"/>).</param>
    public bool InKeywordHead(int? keywordRank, bool laneAnswers, int queryTerms) =>
        laneAnswers && queryTerms >= KeywordHeadMinTerms && keywordRank <= KeywordHead;
}

/// <summary>The lanes' candidate lists (best first) and everything that decides the page.</summary>
public sealed record RankingInput(
    IReadOnlyList<long> Exact,
    IReadOnlyList<long> Keyword,
    IReadOnlyList<long> Dense,
    IReadOnlyDictionary<long, PaperFacts> Facts)
{
    public SearchFilters Filters { get; init; } = SearchFilters.None;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public FusionWeights Weights { get; init; } = FusionWeights.Even;

    /// <summary>What a candidate must reach to be a result; null keeps every candidate (fusion measured alone).</summary>
    public RelevanceFloor? Floor { get; init; }

    /// <summary>The keyword lane's coverage of the query per paper it found (<see cref="RelevanceFloor.MinKeywordCoverage"/>).</summary>
    public IReadOnlyDictionary<long, double> KeywordCoverage { get; init; } = EmptyEvidence;

    /// <summary>How many distinct terms the keyword lane made of the query (<see cref="RelevanceFloor.KeywordHeadMinTerms"/>).</summary>
    public int KeywordQueryTerms { get; init; }

    /// <summary>The semantic lane's cosine similarity per paper it found (<see cref="RelevanceFloor.MinDenseSimilarity"/>).</summary>
    public IReadOnlyDictionary<long, double> DenseSimilarity { get; init; } = EmptyEvidence;

    private static readonly Dictionary<long, double> EmptyEvidence = [];

    /// <summary>0-based page number.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = 100;
}

/// <summary>A ranked paper with why it ranks there (lane ranks are 1-based) and the evidence the floor read.</summary>
public sealed record RankedHit(long PaperId, double Score, bool Exact, int? KeywordRank, int? DenseRank)
{
    public double? KeywordCoverage { get; init; }
    public double? DenseSimilarity { get; init; }
}

public sealed record RankedPage(IReadOnlyList<RankedHit> Hits, int Total);

/// <summary>
/// The whole ranking rule, as one pure function. An exact match (the arXiv id typed bare, or the
/// exact title) comes first; every other candidate scores Σ weight / (K + rank) over the lanes that
/// found it (reciprocal-rank fusion, Cormack et al. 2009), which needs no score calibration between
/// BM25 and cosine similarity. The relevance floor and the filters then drop candidates; the rest
/// are counted, sorted and paged, so every sort orders the same relevant results.
/// </summary>
public static class HybridRanking
{
    /// <summary>RRF's damping constant: 60, as in the original paper; it keeps one lane's top hit from swamping the other lane.</summary>
    public const int K = 60;

    public static RankedPage Rank(RankingInput input)
    {
        var candidates = new Dictionary<long, Candidate>();
        AddLane(candidates, input.Keyword, (c, rank) => c.KeywordRank ??= rank);
        AddLane(candidates, input.Dense, (c, rank) => c.DenseRank ??= rank);
        AddLane(candidates, input.Exact, (c, rank) => c.ExactRank ??= rank);

        var bestSimilarity = input.DenseSimilarity.Count > 0 ? input.DenseSimilarity.Values.Max() : 0;
        var keywordAnswers = input.Floor?.KeywordLaneAnswers(input.KeywordCoverage.Values) ?? false;
        var kept = new List<(RankedHit Hit, PaperFacts Facts, int? ExactRank, int BestRank)>(candidates.Count);
        foreach (var (id, candidate) in candidates)
        {
            // A candidate the database no longer knows (deleted after indexing) is dropped too.
            if (!input.Facts.TryGetValue(id, out var facts) || !Passes(facts, input.Filters))
            {
                continue;
            }
            var score = Fused(candidate.KeywordRank, input.Weights.Keyword) + Fused(candidate.DenseRank, input.Weights.Dense);
            var hit = new RankedHit(id, score, candidate.ExactRank is not null, candidate.KeywordRank, candidate.DenseRank)
            {
                KeywordCoverage = candidate.KeywordRank is null ? null : input.KeywordCoverage.GetValueOrDefault(id),
                DenseSimilarity = candidate.DenseRank is null ? null : input.DenseSimilarity.GetValueOrDefault(id),
            };
            if (!PassesFloor(hit, input.Floor, bestSimilarity, keywordAnswers, input.KeywordQueryTerms))
            {
                continue;
            }
            var best = Math.Min(candidate.KeywordRank ?? int.MaxValue, candidate.DenseRank ?? int.MaxValue);
            kept.Add((hit, facts, candidate.ExactRank, best));
        }

        var ordered = input.Sort switch
        {
            // Exact matches first in the order given; then fused score, then the better single-lane rank; id last so ties are stable.
            SearchSort.Relevance => kept.OrderBy(k => k.ExactRank ?? int.MaxValue)
                .ThenByDescending(k => k.Hit.Score).ThenBy(k => k.BestRank).ThenBy(k => k.Hit.PaperId),
            SearchSort.Newest => kept.OrderByDescending(k => k.Facts.PublishedAt.HasValue)
                .ThenByDescending(k => k.Facts.PublishedAt).ThenByDescending(k => k.Hit.Score).ThenBy(k => k.Hit.PaperId),
            SearchSort.Upvotes => kept.OrderByDescending(k => k.Facts.Upvotes)
                .ThenByDescending(k => k.Hit.Score).ThenBy(k => k.Hit.PaperId),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Sort, "Unknown sort."),
        };
        var skip = (long)Math.Max(0, input.Page) * Math.Max(1, input.PageSize);
        var page = ordered.Skip((int)Math.Min(skip, int.MaxValue)).Take(Math.Max(1, input.PageSize)).Select(k => k.Hit).ToList();
        return new RankedPage(page, kept.Count);
    }

    public static bool Passes(PaperFacts paper, SearchFilters filters)
    {
        if (filters.FeaturedOnly && !paper.Featured)
        {
            return false;
        }
        if (filters.PublishedFrom is not null || filters.PublishedTo is not null)
        {
            if (paper.PublishedAt is not { } published)
            {
                return false;
            }
            var day = DateOnly.FromDateTime(published);
            if (day < filters.PublishedFrom || day > filters.PublishedTo)
            {
                return false;
            }
        }
        if (filters.Categories.Count > 0)
        {
            var own = paper.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return own.Any(category => filters.Categories.Any(wanted =>
                category.Equals(wanted, StringComparison.OrdinalIgnoreCase)
                || (category.StartsWith(wanted, StringComparison.OrdinalIgnoreCase) && category.Length > wanted.Length && category[wanted.Length] == '.')));
        }
        return true;
    }

    private static bool PassesFloor(RankedHit hit, RelevanceFloor? floor, double bestSimilarity, bool keywordAnswers, int queryTerms) =>
        floor is null || floor.Passes(hit.Exact, hit.KeywordCoverage, hit.DenseSimilarity, bestSimilarity, floor.InKeywordHead(hit.KeywordRank, keywordAnswers, queryTerms));

    private static double Fused(int? rank, double weight) => rank is { } r ? weight / (K + r) : 0;

    private static void AddLane(Dictionary<long, Candidate> candidates, IReadOnlyList<long> lane, Action<Candidate, int> setRank)
    {
        for (var i = 0; i < lane.Count; i++)
        {
            if (!candidates.TryGetValue(lane[i], out var candidate))
            {
                candidates[lane[i]] = candidate = new Candidate();
            }
            setRank(candidate, i + 1);
        }
    }

    private sealed class Candidate
    {
        public int? KeywordRank { get; set; }
        public int? DenseRank { get; set; }
        public int? ExactRank { get; set; }
    }
}
