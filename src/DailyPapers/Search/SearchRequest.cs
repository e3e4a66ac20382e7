using DailyPapers.Papers;

namespace DailyPapers.Search;

/// <summary>Which lanes answer: both fused (the default), or one alone (for diagnostics and eval).</summary>
public enum SearchMode
{
    Hybrid,
    Keyword,
    Dense,
}

/// <summary>One search, as the page, the API and the CLI ask it.</summary>
public sealed record SearchRequest(string Query)
{
    private readonly string _query = SafeText.Clean(Query) ?? "";

    /// <summary>The query through the text door (<see cref="SafeText.Clean"/>), so no lane meets a character it cannot take.</summary>
    public string Query
    {
        get => _query;
        init => _query = SafeText.Clean(value) ?? "";
    }

    /// <summary>The longest query accepted (Hugging Face's limit too).</summary>
    public const int MaxQueryLength = 250;

    public const int MaxPageSize = 1000;

    public SearchFilters Filters { get; init; } = SearchFilters.None;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public SearchMode Mode { get; init; } = SearchMode.Hybrid;

    /// <summary>0-based page.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = 100;

    /// <summary>How long to wait for the query embedding; null takes <see cref="SearchOptions.QueryEmbeddingBudget"/>.</summary>
    public TimeSpan? EmbeddingBudget { get; init; }

    /// <summary>How the lanes are weighted in the fused ranking; other weights are for measuring (the fusion sweep benchmark).</summary>
    internal FusionWeights Weights { get; init; } = FusionWeights.Even;

    /// <summary>The relevance floor; null takes <see cref="SearchOptions.Floor"/>. Others are for measuring (the floor benchmark).</summary>
    internal RelevanceFloor? Floor { get; init; }

    /// <summary>Why this request cannot run, in words for the user; null when it can.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return "The search query is empty.";
        }
        if (Query.Length > MaxQueryLength)
        {
            return $"The search query is {Query.Length} characters long; at most {MaxQueryLength} are allowed.";
        }
        if (Page < 0)
        {
            return "The page number cannot be negative.";
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            return $"The page size must be between 1 and {MaxPageSize}.";
        }
        if (Filters.PublishedFrom > Filters.PublishedTo)
        {
            return "The date range ends before it starts.";
        }
        return null;
    }
}

/// <summary>A page of results. <see cref="Mode"/> says which lanes answered and <see cref="Reason"/> why, when fewer than asked.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize, string Mode, string? Reason)
{
    /// <summary>
    /// Papers added or changed in the catalog that the keyword index has not caught up with yet (just
    /// imported or harvested, or the index is being built): new ones cannot be among the results yet,
    /// changed ones rank by their old text; 0 when the index is current.
    /// </summary>
    public int PapersNotYetIndexed { get; init; }

    /// <summary>
    /// Papers of the catalog the semantic lane cannot find yet, because the embed job has not reached
    /// them (a fresh site, a large import): those are found by their words only. 0 when every paper is embedded.
    /// </summary>
    public int PapersNotYetEmbedded { get; init; }

    /// <summary>
    /// True when more papers may pass the relevance floor than <see cref="Total"/> counts: a lane handed
    /// ranking its whole candidate quota and the papers past it could pass too (the keyword lane counts
    /// them exactly, the semantic lane cannot). <see cref="Total"/> is then the results that can be
    /// paged through, a lower bound of what matches; otherwise it is exact.
    /// </summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>The versionless arXiv id when the query was one (then <see cref="Hits"/> is that paper, or empty when the catalog lacks it).</summary>
    public string? ArxivId { get; init; }
}

/// <summary>A found paper (with authors and feed days loaded) and how it ranked.</summary>
public sealed record SearchHit(PaperView Paper, double Score, bool Exact, int? KeywordRank, int? DenseRank)
{
    /// <summary>The idf-weighted share of the query's terms the paper has, when the keyword lane found it.</summary>
    public double? KeywordCoverage { get; init; }

    /// <summary>The paper's cosine similarity to the query, when the semantic lane found it.</summary>
    public double? DenseSimilarity { get; init; }
}

/// <summary>A request that <see cref="SearchRequest.Validate"/> rejects; callers validate first to answer 400.</summary>
public sealed class SearchQueryException(string message) : Exception(message);
