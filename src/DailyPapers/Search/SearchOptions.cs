using System.ComponentModel.DataAnnotations;
using Cloud.Unum.USearch;

namespace DailyPapers.Search;

/// <summary>Search settings, bound from the <c>Search</c> section.</summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    /// <summary>
    /// Embedding model: <c>minilm</c> (default: on CACM its hybrid nDCG@10 was 0.521 against Arctic's
    /// 0.468, see docs/benchmarks.md) or <c>arctic</c>.
    /// </summary>
    public string Model { get; set; } = "minilm";

    /// <summary>
    /// Tokens of title + abstract the model reads per paper: MiniLM's trained length. 128 measured
    /// slightly worse on CACM (hybrid nDCG@10 0.516 against 0.521) and would cut most arXiv abstracts in half.
    /// </summary>
    [Range(16, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Papers per model call: 8–16 keeps the ONNX session near 1 GB; larger batches gain little on 2 cores.</summary>
    [Range(1, 64)]
    public int EmbedBatchSize { get; set; } = 12;

    /// <summary>Whether the site embeds new papers itself (off when a separate <c>dailypapers embed</c> does it).</summary>
    public bool EmbedInBackground { get; set; } = true;

    /// <summary>
    /// The <c>embed</c> lease: how long a node that died while embedding keeps the others from
    /// taking over. Renewed every third of it while a round runs; a batch takes seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan EmbedLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a search waits for its semantic lane (the query embedding and the nearest-neighbour search) before answering from keywords alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan QueryEmbeddingBudget { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the indexes look for catalog changes (imports may come from another process).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many results each lane hands to fusion: the keyword list is cheap, the dense one is the model's top.</summary>
    [Range(10, 10000)]
    public int KeywordCandidates { get; set; } = 1000;

    [Range(10, 10000)]
    public int DenseCandidates { get; set; } = 100;

    /// <summary>
    /// Relevance floor, keyword side: a paper the keyword lane found is a result when the idf of the
    /// query terms it has reaches this share of the idf of the query's <see cref="CoverageTerms"/>
    /// rarest terms (or the semantic lane vouches for it). Chosen on CACM and arXiv title → abstract,
    /// see docs/benchmarks.md, "Relevance floor".
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinKeywordCoverage { get; set; } = 0.6;

    /// <summary>
    /// Relevance floor, semantic side: a paper the semantic lane found is a result when its cosine
    /// similarity to the query is at least this (or the keyword lane vouches for it). Chosen for the
    /// default model (MiniLM) on the same sets; another model has another scale.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinDenseSimilarity { get; set; } = 0.3;

    /// <summary>
    /// How many of a query's rarest terms its coverage is measured against: a short query must be
    /// matched nearly whole, a long question (CACM's run to 20 terms) by its telling words.
    /// </summary>
    [Range(1, 250)]
    public int CoverageTerms { get; set; } = 2;

    /// <summary>
    /// Relevance floor, semantic side: a paper the semantic lane found passes only within this much
    /// cosine similarity of the query's best match, so a query with clear matches drops papers that
    /// merely share a word's meaning (on the demo catalog, "mixture of experts" matched its topic at
    /// 0.6–0.75 and papers about human experts at 0.35–0.45).
    /// </summary>
    [Range(0.0, 2.0)]
    public double DenseMargin { get; set; } = 0.25;

    /// <summary>
    /// Relevance floor, keyword side: for a query of at least <see cref="KeywordHeadMinTerms"/>
    /// distinct terms of which any paper reaches <see cref="MinKeywordCoverage"/>, the keyword lane's
    /// first this many pass whatever their coverage (<see cref="RelevanceFloor.KeywordHead"/>).
    /// Chosen on the same sets; 0 turns it off.
    /// </summary>
    [Range(0, 1000)]
    public int KeywordHead { get; set; } = 10;

    /// <summary>The shortest query, in distinct terms, that gets a <see cref="KeywordHead"/>.</summary>
    [Range(1, 250)]
    public int KeywordHeadMinTerms { get; set; } = 5;

    public RelevanceFloor Floor => new(MinKeywordCoverage, MinDenseSimilarity, DenseMargin, KeywordHead, KeywordHeadMinTerms);

    public VectorIndexOptions Vectors { get; set; } = new();

    public IndexSnapshotOptions Snapshots { get; set; } = new();

    public EmbeddingModel EmbeddingModel => EmbeddingModel.Find(Model) ?? EmbeddingModel.MiniLm;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EmbeddingModel.Find(Model) is null)
        {
            yield return new ValidationResult(
                $"Search:Model must be one of {string.Join(", ", EmbeddingModel.All.Select(m => m.ShortName))}.", [nameof(Model)]);
        }
        // Data annotations do not descend into nested options by themselves.
        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(Vectors, new ValidationContext(Vectors), nested, validateAllProperties: true);
        foreach (var problem in nested)
        {
            yield return new ValidationResult("Search:Vectors: " + problem.ErrorMessage, problem.MemberNames);
        }
        nested.Clear();
        Validator.TryValidateObject(Snapshots, new ValidationContext(Snapshots), nested, validateAllProperties: true);
        foreach (var problem in nested)
        {
            yield return new ValidationResult("Search:Snapshots: " + problem.ErrorMessage, problem.MemberNames);
        }
    }
}

/// <summary>HNSW parameters of the vector index (<c>Search:Vectors</c>).</summary>
public sealed class VectorIndexOptions
{
    /// <summary>Graph degree (HNSW M).</summary>
    [Range(4, 64)]
    public int Connectivity { get; set; } = 16;

    /// <summary>
    /// Candidates explored while inserting (efConstruction). 256 rather than 128: concurrent inserts
    /// miss some links, and on VectorIndexTests' loosely clustered vectors a parallel build with 128
    /// reached recall@10 0.977–0.990 (below 0.98 when the machine was busy), with 256 0.985–0.994, and
    /// 50,000 vectors still build 1.3x faster than on one thread with 128 (docs/benchmarks.md, "efConstruction 256").
    /// </summary>
    [Range(16, 1024)]
    public int ExpansionAdd { get; set; } = 256;

    /// <summary>Candidates explored per query (ef): 256 keeps recall@10 ≥ 0.98 against exact search where 128 fell to 0.93 (VectorIndexTests).</summary>
    [Range(10, 4096)]
    public int SearchBreadth { get; set; } = 256;

    /// <summary>
    /// Vectors an index must hold before large batches are inserted from all cores. Concurrent inserts
    /// into a young graph miss links while its first layers form: built in parallel from empty,
    /// VectorIndexTests' 4,000 loosely clustered vectors (efConstruction 128) reached recall@10 of
    /// 0.975–0.986, mostly below 0.98, and 0.984–0.990 once the first 1,000 or 2,000 went in one at a
    /// time. 10,000 costs a few seconds at the start of a large build.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ParallelInsertsFrom { get; set; } = 10_000;

    /// <summary>How vectors are held in the index. Float16 halves memory against float32 at no measurable recall cost.</summary>
    public ScalarKind Quantization { get; set; } = ScalarKind.Float16;
}

/// <summary>Index snapshots in the database (<c>Search:Snapshots</c>), which a node with an empty data directory restores.</summary>
public sealed class IndexSnapshotOptions
{
    /// <summary>
    /// Whether this node stores snapshots of its indexes (one node of the cluster at a time, under the
    /// <c>index-snapshot</c> lease). Restoring one is always on: it is only tried when the indexes are empty.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How old the newest snapshot may grow before a new one is stored. A new node catches up from the
    /// snapshot's watermarks, so this bounds how much it indexes the slow way (a day's harvest is a few hundred papers).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Complete snapshots kept; older ones are deleted once a new one is complete.</summary>
    [Range(1, 10)]
    public int Keep { get; set; } = 2;
}
