using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Search;
using DailyPapers.Search.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>fusion-sweep FOLDER WORK_DIR MAX_TOKENS [DENSE_WEIGHTS]</c>: hybrid nDCG@10, Recall@100 and
/// MRR@10 of a BEIR folder for several weights of the dense lane against the keyword lane's 1, on a
/// work directory that <c>dailypapers eval FOLDER --max-tokens MAX_TOKENS --work WORK_DIR</c> has
/// filled (catalog, embeddings, indexes; nothing is embedded here). The same import, index and
/// <see cref="SearchService"/> ranking as eval, so the 1.0 row repeats eval's hybrid figures. Used to
/// pick fusion weights on one collection and check them on another.
/// </summary>
internal static class FusionSweep
{
    public static async Task<int> RunAsync(string folder, string work, int maxTokens, IReadOnlyList<double> denseWeights)
    {
        var benchmark = BeirBenchmark.Load(folder);
        using var host = await CliHost.StartAsync(work, CancellationToken.None, SearchEvaluation.ScratchSettings(maxTokens: maxTokens));
        var evaluation = new SearchEvaluation(host.Services);
        var ids = await evaluation.ImportAsync(benchmark, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        await indexes.CatchUpAsync(CancellationToken.None);
        Console.WriteLine($"{benchmark.Documents.Count} documents, {indexes.VectorCount} vectors ({indexes.ModelKey}), {SearchEvaluation.JudgedQueries(benchmark).Count} judged queries");
        Console.WriteLine("| dense weight | nDCG@10 | Recall@100 | MRR@10 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var weight in denseWeights)
        {
            var hybrid = (await evaluation.ScoreAsync(benchmark, ids, CancellationToken.None, [("hybrid", SearchMode.Hybrid)],
                new FusionWeights(Keyword: 1.0, Dense: weight)))["hybrid"];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {weight:0.00} | {hybrid.Ndcg10:0.0000} | {hybrid.Recall100:0.0000} | {hybrid.Mrr10:0.0000} |"));
        }
        return 0;
    }
}
