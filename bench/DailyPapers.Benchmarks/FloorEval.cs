using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Search;
using DailyPapers.Search.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>floor-eval FOLDER WORK_DIR MAX_TOKENS [COVERAGES] [SIMILARITIES]</c>: what the relevance floor
/// costs on a BEIR folder that <c>dailypapers eval FOLDER --max-tokens MAX_TOKENS --work WORK_DIR</c>
/// has filled (nothing is embedded here). Each mode runs every judged query through
/// <see cref="SearchService"/> without a floor and with the site's default floor, side by side, with
/// the ratio of each measure to the run without; then the same runs without a floor, filtered by each
/// floor of the grid (a floor only removes results, so that scores it exactly on nDCG@10 and MRR@10),
/// which is how the default was chosen.
/// </summary>
internal static class FloorEval
{
    public static async Task<int> RunAsync(string folder, string work, int maxTokens, IReadOnlyList<double> coverages, IReadOnlyList<double> similarities)
    {
        var benchmark = BeirBenchmark.Load(folder);
        using var host = await CliHost.StartAsync(work, CancellationToken.None, SearchEvaluation.ScratchSettings(maxTokens: maxTokens));
        var evaluation = new SearchEvaluation(host.Services);
        var ids = await evaluation.ImportAsync(benchmark, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        await indexes.CatchUpAsync(CancellationToken.None);
        var floor = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Floor;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{benchmark.Documents.Count} documents, {indexes.VectorCount} vectors ({indexes.ModelKey}), {SearchEvaluation.JudgedQueries(benchmark).Count} judged queries; " +
            $"default floor: coverage {floor.MinKeywordCoverage:0.00}, similarity {floor.MinDenseSimilarity:0.00}; load {EmbedThroughput.LoadAverage()}"));
        Console.WriteLine("| mode | nDCG@10 no floor | floor | ratio | MRR@10 no floor | floor | ratio | Recall@100 no floor | floor | median results no floor | floor |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var unfloored = new Dictionary<string, List<JudgedRun>>(StringComparer.Ordinal);
        foreach (var (name, mode) in SearchEvaluation.AllModes)
        {
            var off = await evaluation.RunAsync(benchmark, ids, mode, CancellationToken.None, floor: RelevanceFloor.Off);
            var on = await evaluation.RunAsync(benchmark, ids, mode, CancellationToken.None);
            unfloored[name] = off;
            var (a, b) = (SearchEvaluation.Score(benchmark, off, (_, _) => true), SearchEvaluation.Score(benchmark, on, (_, _) => true));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {a.Ndcg10:0.0000} | {b.Ndcg10:0.0000} | {Ratio(b.Ndcg10, a.Ndcg10)} | {a.Mrr10:0.0000} | {b.Mrr10:0.0000} | {Ratio(b.Mrr10, a.Mrr10)} " +
                $"| {a.Recall100:0.0000} | {b.Recall100:0.0000} | {Median(off)} | {Median(on)} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Grid (runs without a floor, filtered): nDCG@10 ratio / MRR@10 ratio against no floor");
        var terms = unfloored["bm25"].ToDictionary(run => run.Query.Id, run => indexes.KeywordMatch(run.Query.Text, 1, 0, 2).QueryTerms, StringComparer.Ordinal);
        Console.WriteLine("| keyword coverage ≥ | keyword head (first N; from M query terms) | bm25 | hybrid |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var coverage in coverages)
        {
            foreach (var (head, minTerms) in Heads)
            {
                var grid = floor with { MinKeywordCoverage = coverage, KeywordHead = head, KeywordHeadMinTerms = minTerms };
                Console.WriteLine($"| {coverage.ToString("0.00", CultureInfo.InvariantCulture)} | {(head == 0 ? "none" : $"{head}; {minTerms}+")} " +
                    $"| {Ratios(benchmark, unfloored["bm25"], grid with { MinDenseSimilarity = 2 }, terms)} | {Ratios(benchmark, unfloored["hybrid"], grid, terms)} |");
            }
        }
        Console.WriteLine("| dense similarity ≥ | dense |");
        Console.WriteLine("|---|---|");
        foreach (var similarity in similarities)
        {
            Console.WriteLine($"| {similarity.ToString("0.00", CultureInfo.InvariantCulture)} | {Ratios(benchmark, unfloored["dense"], new RelevanceFloor(2, similarity, floor.DenseMargin))} |");
        }
        Console.WriteLine("| dense margin ≤ (at the default coverage and similarity) | dense | hybrid |");
        Console.WriteLine("|---|---|---|");
        foreach (var margin in Margins)
        {
            var withMargin = floor with { DenseMargin = margin };
            Console.WriteLine($"| {margin.ToString("0.00", CultureInfo.InvariantCulture)} | {Ratios(benchmark, unfloored["dense"], withMargin)} | {Ratios(benchmark, unfloored["hybrid"], withMargin)} |");
        }
        Console.WriteLine("| hybrid (default margin): coverage \\ similarity | " + string.Join(" | ", similarities.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture))) + " |");
        Console.WriteLine("|---|" + string.Concat(similarities.Select(_ => "---|")));
        foreach (var coverage in coverages)
        {
            Console.WriteLine($"| {coverage.ToString("0.00", CultureInfo.InvariantCulture)} | " +
                string.Join(" | ", similarities.Select(s => Ratios(benchmark, unfloored["hybrid"], new RelevanceFloor(coverage, s, floor.DenseMargin)))) + " |");
        }
        return 0;
    }

    private static readonly double[] Margins = [0.1, 0.15, 0.2, 0.25, 0.3, 2];

    private static readonly (int Head, int MinTerms)[] Heads = [(0, 1), (10, 1), (5, 4), (10, 4), (10, 5), (10, 6), (20, 5)];

    private static string Ratios(BeirBenchmark benchmark, List<JudgedRun> runs, RelevanceFloor floor, IReadOnlyDictionary<string, int>? queryTerms = null)
    {
        var all = SearchEvaluation.Score(benchmark, runs, (_, _) => true);
        var answers = runs.ToDictionary<JudgedRun, JudgedRun, bool>(run => run, run => floor.KeywordLaneAnswers(run.Ranking.Select(r => r.Hit.KeywordCoverage).OfType<double>()), ReferenceEqualityComparer.Instance);
        var kept = SearchEvaluation.Score(benchmark, runs, (run, hit) => floor.Passes(hit.Exact, hit.KeywordCoverage, hit.DenseSimilarity, run.BestSimilarity,
            floor.InKeywordHead(hit.KeywordRank, answers[run], queryTerms?.GetValueOrDefault(run.Query.Id) ?? 0)));
        return $"{Ratio(kept.Ndcg10, all.Ndcg10)} / {Ratio(kept.Mrr10, all.Mrr10)}";
    }

    private static string Ratio(double value, double baseline) =>
        baseline == 0 ? "—" : (value / baseline).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Median(List<JudgedRun> runs) =>
        FloorQueries.Median([.. runs.Select(r => r.Result.Total)]).ToString(CultureInfo.InvariantCulture);
}
