using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Search;
using DailyPapers.Search.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>keyword-eval FOLDER WORK_DIR</c>: the BM25 lane of <c>dailypapers eval</c> alone, without
/// embedding the collection first (which is what makes eval slow on a large collection): the same
/// import into WORK_DIR, the same index, the same <see cref="SearchService"/> ranking and measures.
/// </summary>
internal static class KeywordEval
{
    public static async Task<int> RunAsync(string folder, string work)
    {
        var benchmark = BeirBenchmark.Load(folder);
        using var host = await CliHost.StartAsync(work, CancellationToken.None, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "",
            ["DemoData:Enabled"] = "false",
        });
        var evaluation = new SearchEvaluation(host.Services);
        var ids = await evaluation.ImportAsync(benchmark, CancellationToken.None);
        await host.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        var judged = benchmark.Queries.Where(q => benchmark.Judgments.TryGetValue(q.Id, out var j) && j.Values.Any(g => g > 0)).ToList();
        double ndcg = 0, recall = 0, mrr = 0;
        foreach (var query in judged)
        {
            var result = await search.RankAsync(new SearchRequest(query.Text) { Mode = SearchMode.Keyword, PageSize = SearchEvaluation.Depth }, CancellationToken.None);
            var ranking = result.Hits.Select(h => ids.GetValueOrDefault(h.Paper.ArxivId, "")).ToList();
            var judgments = benchmark.Judgments[query.Id];
            ndcg += RetrievalMetrics.NdcgAt(10, ranking, judgments);
            recall += RetrievalMetrics.RecallAt(100, ranking, judgments);
            mrr += RetrievalMetrics.ReciprocalRankAt(10, ranking, judgments);
        }
        var n = Math.Max(1, judged.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{benchmark.Documents.Count} documents, {judged.Count} judged queries: bm25 nDCG@10 {ndcg / n:0.0000}  Recall@100 {recall / n:0.0000}  MRR@10 {mrr / n:0.0000}; load {EmbedThroughput.LoadAverage()}"));
        return 0;
    }
}
