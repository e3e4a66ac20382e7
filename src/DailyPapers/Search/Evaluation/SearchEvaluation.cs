using DailyPapers.Ingest;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Search.Evaluation;

/// <summary>One judged query's ranking: each hit with the benchmark's id for its paper.</summary>
public sealed record JudgedRun(BeirQuery Query, IReadOnlyList<(string DocumentId, SearchHit Hit)> Ranking, SearchResult Result)
{
    /// <summary>The best cosine similarity among the hits: the semantic lane's first when it is in the ranking, as it nearly always is.</summary>
    public double BestSimilarity { get; } = Ranking.Max(r => r.Hit.DenseSimilarity) ?? 0;
}

/// <summary>Mean scores of one ranking mode over the judged queries.</summary>
public sealed record LaneScores(double Ndcg10, double Recall100, double Mrr10);

/// <summary>
/// Measures search quality on a BEIR benchmark through the production path: the documents become
/// papers via <see cref="CatalogWriter"/> (ids are synthetic old-style arXiv ids, <c>beir/0000001</c>,
/// mapped back for scoring), get embedded by <see cref="PaperEmbedder"/>, indexed by
/// <see cref="SearchIndexes"/> and searched by <see cref="SearchService"/> in each mode. Run it
/// against a scratch data directory: it writes to the catalog it is given.
/// </summary>
public sealed class SearchEvaluation(IServiceProvider services)
{
    public const int Depth = 100;

    public static string PaperId(int documentIndex) => $"beir/{documentIndex + 1:D7}";

    /// <summary>
    /// Settings for a scratch data directory that evaluations run in: always a private SQLite
    /// catalog, whatever the environment points the site at, with no demo data; the model and the
    /// input truncation when given.
    /// </summary>
    public static Dictionary<string, string?> ScratchSettings(EmbeddingModel? model = null, int? maxTokens = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "",
            ["DemoData:Enabled"] = "false",
        };
        if (model is not null)
        {
            settings["Search:Model"] = model.ShortName;
        }
        if (maxTokens is not null)
        {
            settings["Search:MaxTokens"] = maxTokens.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>Writes the documents as papers (a re-run writes nothing) and returns arXiv id → document id.</summary>
    public async Task<Dictionary<string, string>> ImportAsync(BeirBenchmark benchmark, CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var records = new List<PaperRecord>();
        for (var i = 0; i < benchmark.Documents.Count; i++)
        {
            var document = benchmark.Documents[i];
            var id = PaperId(i);
            map[id] = document.Id;
            var title = document.Title.Trim();
            // Through the same door as every import, so eval measures the catalog's text as the site keeps it.
            var (admitted, _, _) = RecordDoor.Admit(new PaperRecord
            {
                ArxivId = id,
                // A paper needs a title; a BEIR document without one is titled by its opening words.
                Title = title.Length > 0 ? title : Opening(document.Text),
                Abstract = string.IsNullOrWhiteSpace(document.Text) ? null : document.Text.Trim(),
                Authors = document.Authors.Count > 0 ? document.Authors : null,
            });
            if (admitted is not null)
            {
                records.Add(admitted);
            }
        }
        await using var scope = services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<CatalogWriter>();
        foreach (var batch in records.Chunk(CatalogImporter.DefaultBatchSize))
        {
            await writer.WriteAsync(batch, "eval", cancellationToken);
        }
        return map;
    }

    /// <summary>The modes eval reports, under the names its output uses.</summary>
    public static IReadOnlyList<(string Name, SearchMode Mode)> AllModes { get; } =
        [("bm25", SearchMode.Keyword), ("dense", SearchMode.Dense), ("hybrid", SearchMode.Hybrid)];

    /// <summary>The queries with at least one relevant document; the others cannot be scored.</summary>
    public static List<BeirQuery> JudgedQueries(BeirBenchmark benchmark) =>
        [.. benchmark.Queries.Where(q => benchmark.Judgments.TryGetValue(q.Id, out var j) && j.Values.Any(g => g > 0))];

    /// <summary>
    /// Runs every judged query in each of <paramref name="modes"/> (default: all) and averages the
    /// measures; with the site's relevance floor unless <paramref name="floor"/> names another
    /// (<see cref="RelevanceFloor.Off"/> for none).
    /// </summary>
    public async Task<Dictionary<string, LaneScores>> ScoreAsync(BeirBenchmark benchmark, IReadOnlyDictionary<string, string> documentIds,
        CancellationToken cancellationToken, IReadOnlyList<(string Name, SearchMode Mode)>? modes = null, FusionWeights? weights = null,
        RelevanceFloor? floor = null)
    {
        var scores = new Dictionary<string, LaneScores>(StringComparer.Ordinal);
        foreach (var (name, mode) in modes ?? AllModes)
        {
            var runs = await RunAsync(benchmark, documentIds, mode, cancellationToken, weights, floor);
            scores[name] = Score(benchmark, runs, (_, _) => true);
        }
        return scores;
    }

    /// <summary>Every judged query's ranking (to <see cref="Depth"/>) in one mode, with the evidence the floor reads.</summary>
    public async Task<List<JudgedRun>> RunAsync(BeirBenchmark benchmark, IReadOnlyDictionary<string, string> documentIds, SearchMode mode,
        CancellationToken cancellationToken, FusionWeights? weights = null, RelevanceFloor? floor = null)
    {
        await using var scope = services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        var runs = new List<JudgedRun>();
        foreach (var query in JudgedQueries(benchmark))
        {
            var request = new SearchRequest(query.Text)
            {
                Mode = mode,
                PageSize = Depth,
                EmbeddingBudget = Timeout.InfiniteTimeSpan,
                Weights = weights ?? FusionWeights.Even,
                Floor = floor,
            };
            var result = await search.RankAsync(request, cancellationToken);
            runs.Add(new JudgedRun(query, [.. result.Hits.Select(h => (documentIds.GetValueOrDefault(h.Paper.ArxivId, ""), h))], result));
        }
        return runs;
    }

    /// <summary>
    /// Mean measures of <paramref name="runs"/> keeping only the hits <paramref name="keep"/> accepts. A
    /// floor only removes results and never reorders the rest, so a run without one, filtered by a
    /// floor's test, scores that floor (nDCG@10 and MRR@10 exactly; Recall@100 within the run's depth).
    /// </summary>
    public static LaneScores Score(BeirBenchmark benchmark, IReadOnlyList<JudgedRun> runs, Func<JudgedRun, SearchHit, bool> keep)
    {
        double ndcg = 0, recall = 0, mrr = 0;
        foreach (var run in runs)
        {
            var ranking = run.Ranking.Where(r => keep(run, r.Hit)).Select(r => r.DocumentId).ToList();
            var judgments = benchmark.Judgments[run.Query.Id];
            ndcg += RetrievalMetrics.NdcgAt(10, ranking, judgments);
            recall += RetrievalMetrics.RecallAt(100, ranking, judgments);
            mrr += RetrievalMetrics.ReciprocalRankAt(10, ranking, judgments);
        }
        var n = Math.Max(1, runs.Count);
        return new LaneScores(ndcg / n, recall / n, mrr / n);
    }

    /// <summary>One query through <see cref="SearchService"/> as eval runs it (no input limits, no embedding deadline), with a given floor.</summary>
    public async Task<SearchResult> SearchAsync(string query, SearchMode mode, RelevanceFloor? floor, int pageSize, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        return await search.RankAsync(new SearchRequest(query)
        {
            Mode = mode,
            PageSize = pageSize,
            EmbeddingBudget = Timeout.InfiniteTimeSpan,
            Floor = floor,
        }, cancellationToken);
    }

    /// <summary>
    /// Recall@10 of the HNSW index against exact cosine search over the stored vectors, with up to
    /// <paramref name="samples"/> stored vectors (chosen by a fixed seed) as queries.
    /// </summary>
    public async Task<double> VectorRecallAsync(int samples, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var indexes = scope.ServiceProvider.GetRequiredService<SearchIndexes>();
        var stored = await db.PaperEmbeddings.AsNoTracking().Where(e => e.Model == indexes.ModelKey)
            .OrderBy(e => e.PaperId).Select(e => new { e.PaperId, e.Vector }).ToListAsync(cancellationToken);
        var vectors = stored.Select(e => (e.PaperId, Vector: VectorBytes.ToFloats(e.Vector))).ToList();
        if (vectors.Count == 0)
        {
            return 0;
        }
        var random = new Random(20240101);
        var queries = Enumerable.Range(0, Math.Min(samples, vectors.Count)).Select(_ => vectors[random.Next(vectors.Count)].Vector).ToList();
        var found = 0;
        foreach (var query in queries)
        {
            var exact = vectors.OrderByDescending(v => Dot(query, v.Vector)).Take(10).Select(v => v.PaperId).ToHashSet();
            found += indexes.VectorSearch(query, 10).Count(hit => exact.Contains(hit.PaperId));
        }
        return found / (10.0 * queries.Count);
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static string Opening(string text)
    {
        var words = text.Split((char[]?)null, 13, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "(untitled)" : string.Join(' ', words.Take(12));
    }
}
