using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DailyPapers.Search;

/// <summary>
/// The one way to search (pages, API, CLI, eval): exact matches, BM25 and nearest embeddings, fused
/// by <see cref="HybridRanking"/>. The semantic lane (the query's embedding, then its nearest papers)
/// runs beside the keyword lane and gets a time budget; when it is late, the model is still loading,
/// or no paper has an embedding yet, the answer comes from keywords and says so.
/// </summary>
public sealed class SearchService(
    AppDbContext db,
    SearchIndexes indexes,
    Moderation.HiddenPapers hiddenPapers,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    EmbeddingText embeddingText,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    IServiceScopeFactory scopes)
{
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate() is { } problem)
        {
            throw new SearchQueryException(problem);
        }
        return await RankAsync(request, cancellationToken);
    }

    /// <summary>
    /// Runs a request without the user-input limits (eval runs benchmark queries longer than 250
    /// characters through here). Everything else is the same path as <see cref="SearchAsync"/>.
    /// </summary>
    internal async Task<SearchResult> RankAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await indexes.EnsureOpenAsync(cancellationToken);
        // Read before the lanes run, so a catch-up finishing mid-search cannot hide what this answer lacked.
        var indexedUpTo = indexes.KeywordWatermark;
        var query = request.Query.Trim();
        if (ArxivId.TryParse(query, out var arxivId, out _))
        {
            return await LookUpIdAsync(request, arxivId, indexedUpTo, cancellationToken);
        }

        string? reason = null;
        Task<IReadOnlyList<(long PaperId, float Similarity)>>? semanticLane = null;
        if (request.Mode != SearchMode.Keyword)
        {
            if (indexes.VectorCount == 0)
            {
                reason = "No paper has an embedding yet, so results come from keywords only.";
            }
            else
            {
                semanticLane = NearestPapersAsync(query, settings.DenseCandidates, cancellationToken);
            }
        }

        var floor = request.Floor ?? settings.Floor;
        var keywordLane = request.Mode != SearchMode.Dense;
        var exact = keywordLane ? ExactMatches(query) : [];
        var keyword = keywordLane ? indexes.KeywordMatch(query, settings.KeywordCandidates, floor.MinKeywordCoverage, settings.CoverageTerms) : KeywordMatches.None;
        IReadOnlyList<(long PaperId, float Similarity)> dense = [];
        if (semanticLane is not null)
        {
            var budget = request.EmbeddingBudget ?? settings.QueryEmbeddingBudget;
            try
            {
                // A zero budget means "do not wait for the model": keywords answer, whether or not the lane happens to be done.
                dense = budget == TimeSpan.Zero ? throw new TimeoutException() : await semanticLane.WaitAsync(budget, clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                reason = $"The semantic search (the query's embedding and its nearest papers) was not ready within {budget.TotalMilliseconds:0} ms, so results come from keywords only.";
            }
        }
        string mode;
        if (request.Mode == SearchMode.Keyword || reason is not null)
        {
            mode = "keyword";
            if (!keywordLane)
            {
                // Dense alone was asked but cannot answer: keywords stand in, as the result says.
                exact = ExactMatches(query);
                keyword = indexes.KeywordMatch(query, settings.KeywordCandidates, floor.MinKeywordCoverage, settings.CoverageTerms);
            }
        }
        else
        {
            mode = request.Mode == SearchMode.Dense ? "dense" : "hybrid";
        }

        List<long> keywordIds = [.. keyword.Hits.Select(h => h.PaperId)];
        List<long> denseIds = [.. dense.Select(h => h.PaperId)];
        var ids = exact.Concat(keywordIds).Concat(denseIds).Distinct().ToList();
        // Facts decide only filters and the non-relevance sorts; skipping their query (up to 1,100 ids) is most of a plain search's time.
        var needFacts = request.Sort != SearchSort.Relevance || !request.Filters.IsEmpty;
        // Without facts, hidden papers (which the facts query leaves out) are dropped by id.
        var hidden = needFacts ? null : await hiddenPapers.CurrentAsync(cancellationToken);
        var facts = needFacts
            ? await LoadFactsAsync(ids, cancellationToken)
            : ids.Where(id => !hidden!.Contains(id)).ToDictionary(id => id, id => new PaperFacts(id, null, "", 0, false));
        var ranked = HybridRanking.Rank(new RankingInput(exact, keywordIds, denseIds, facts)
        {
            Filters = request.Filters,
            Sort = request.Sort,
            Weights = request.Weights,
            Floor = floor,
            KeywordCoverage = keyword.Hits.ToDictionary(h => h.PaperId, h => h.Coverage),
            KeywordQueryTerms = keyword.QueryTerms,
            DenseSimilarity = dense.ToDictionary(h => h.PaperId, h => (double)h.Similarity),
            Page = request.Page,
            PageSize = request.PageSize,
        });
        var hits = await LoadHitsAsync(ranked.Hits, cancellationToken);
        var notYetIndexed = await CountNotYetIndexedAsync(indexedUpTo, cancellationToken);
        return new SearchResult(hits, ranked.Total, request.Page, request.PageSize, mode, reason)
        {
            PapersNotYetIndexed = notYetIndexed,
            PapersNotYetEmbedded = await CountNotYetEmbeddedAsync(notYetIndexed, cancellationToken),
            TotalIsLowerBound = MorePassBeyondLanes(keyword, dense, settings.DenseCandidates, floor),
        };
    }

    /// <summary>
    /// Whether papers past a lane's candidate quota could pass the floor too: the keyword lane looks
    /// for a paper beyond its candidates that reaches the coverage floor, so it knows; the semantic lane's list
    /// is by falling similarity, so when its last candidate still passes, the next might.
    /// </summary>
    private static bool MorePassBeyondLanes(KeywordMatches keyword, IReadOnlyList<(long PaperId, float Similarity)> dense, int denseQuota, RelevanceFloor floor) =>
        keyword.MorePassBeyondHits
        || (dense.Count >= denseQuota && floor.Passes(false, null, dense[^1].Similarity, dense[0].Similarity));

    /// <summary>
    /// Papers without a vector in this node's vector index: what the semantic lane cannot see yet.
    /// On a site whose indexes are current (the usual case) the keyword index holds every paper, so
    /// a vector index as large answers 0 without counting the catalog on every search.
    /// </summary>
    private async Task<int> CountNotYetEmbeddedAsync(int notYetIndexed, CancellationToken cancellationToken)
    {
        var vectors = indexes.VectorCount;
        if (notYetIndexed == 0 && vectors >= indexes.KeywordCount)
        {
            return 0;
        }
        return Math.Max(0, await db.Papers.AsNoTracking().CountAsync(cancellationToken) - vectors);
    }

    /// <summary>
    /// Papers changed after the keyword index's watermark: a range count on the change-sequence index,
    /// so an index that is current costs one seek that finds nothing.
    /// </summary>
    private Task<int> CountNotYetIndexedAsync(long watermark, CancellationToken cancellationToken) =>
        db.Papers.AsNoTracking().CountAsync(p => p.ChangeSeq > watermark, cancellationToken);

    /// <summary>
    /// The semantic lane: the query's embedding, then its nearest papers in the vector index, on the
    /// thread pool thread the embedding finished on, so the nearest-neighbour search overlaps the
    /// keyword lane instead of following it.
    /// </summary>
    private async Task<IReadOnlyList<(long PaperId, float Similarity)>> NearestPapersAsync(string query, int count, CancellationToken cancellationToken)
    {
        var embedding = await embeddings.GenerateVectorAsync(embeddingText.ForQuery(query), cancellationToken: cancellationToken);
        return indexes.VectorSearch(embedding.ToArray(), count);
    }

    /// <summary>
    /// A query that is an arXiv id in any spelling (bare, <c>arXiv:</c>, an arxiv.org or huggingface.co
    /// URL) asks for that paper: the answer is that paper alone when the catalog holds it (filters still
    /// apply), else nothing, never the papers that merely share digits with it.
    /// </summary>
    private async Task<SearchResult> LookUpIdAsync(SearchRequest request, string arxivId, long indexedUpTo, CancellationToken cancellationToken)
    {
        var exact = await db.Papers.AsNoTracking().ByArxivId(arxivId).Select(p => p.Id).ToListAsync(cancellationToken);
        var facts = await LoadFactsAsync(exact, cancellationToken);
        var ranked = HybridRanking.Rank(new RankingInput(exact, [], [], facts)
        {
            Filters = request.Filters,
            Sort = request.Sort,
            Page = request.Page,
            PageSize = request.PageSize,
        });
        var hits = await LoadHitsAsync(ranked.Hits, cancellationToken);
        return new SearchResult(hits, ranked.Total, request.Page, request.PageSize, IdMode, null)
        {
            ArxivId = arxivId,
            PapersNotYetIndexed = await CountNotYetIndexedAsync(indexedUpTo, cancellationToken),
        };
    }

    /// <summary>The mode of an answer to a query that is an arXiv id: neither lane ran.</summary>
    public const string IdMode = "id";

    /// <summary>Exact answers, ahead of both lanes: papers with this exact title, then papers by an author of this exact name.</summary>
    private List<long> ExactMatches(string query) =>
        [.. indexes.ExactTitle(query).Concat(indexes.ExactAuthor(query)).Distinct()];

    private async Task<Dictionary<long, PaperFacts>> LoadFactsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        return await db.Papers.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new PaperFacts(p.Id, p.PublishedAt, p.Categories, p.Upvotes + p.Votes.Count, p.DailyEntries.Any()))
            .ToDictionaryAsync(f => f.PaperId, cancellationToken);
    }

    private async Task<List<SearchHit>> LoadHitsAsync(IReadOnlyList<RankedHit> ranked, CancellationToken cancellationToken)
    {
        var papers = (await db.LoadPaperViewsAsync([.. ranked.Select(h => h.PaperId)], scopes, cancellationToken)).ToDictionary(p => p.Id);
        return [.. ranked.Where(h => papers.ContainsKey(h.PaperId))
            .Select(h => new SearchHit(papers[h.PaperId], h.Score, h.Exact, h.KeywordRank, h.DenseRank)
            {
                KeywordCoverage = h.KeywordCoverage,
                DenseSimilarity = h.DenseSimilarity,
            })];
    }
}
