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
        using var host = await CliHost.StartAsync(work, CancellationToken.None, SearchEvaluation.ScratchSettings());
        var evaluation = new SearchEvaluation(host.Services);
        var ids = await evaluation.ImportAsync(benchmark, CancellationToken.None);
        await host.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(CancellationToken.None);
        var bm25 = (await evaluation.ScoreAsync(benchmark, ids, CancellationToken.None, [("bm25", SearchMode.Keyword)]))["bm25"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{benchmark.Documents.Count} documents, {SearchEvaluation.JudgedQueries(benchmark).Count} judged queries: bm25 nDCG@10 {bm25.Ndcg10:0.0000}  Recall@100 {bm25.Recall100:0.0000}  MRR@10 {bm25.Mrr10:0.0000}; load {EmbedThroughput.LoadAverage()}"));
        return 0;
    }
}
