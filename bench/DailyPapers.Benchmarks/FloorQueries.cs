using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Search;
using DailyPapers.Search.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>floor-queries DATA_DIR QUERIES_FILE</c>: how many results each mode returns for each query of
/// QUERIES_FILE (one a line; <c>#</c> starts a comment) over the catalog in DATA_DIR, without the
/// relevance floor and with the site's default floor: the median and largest total, and how many
/// queries answer nothing or at most 10. Run on <c>bench/search/off-topic-queries.txt</c> it shows
/// what the floor removes; on <c>bench/search/latency-topics.txt</c> what it keeps.
/// </summary>
internal static class FloorQueries
{
    public static async Task<int> RunAsync(string data, string queriesFile)
    {
        var queries = File.ReadLines(queriesFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        await indexes.CatchUpAsync(CancellationToken.None);
        var floor = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Floor;
        var evaluation = new SearchEvaluation(host.Services);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{queries.Count} queries from {Path.GetFileName(queriesFile)}, {indexes.KeywordCount} papers, {indexes.VectorCount} vectors; " +
            $"default floor: coverage {floor.MinKeywordCoverage:0.00}, similarity {floor.MinDenseSimilarity:0.00}; load {EmbedThroughput.LoadAverage()}"));
        Console.WriteLine("| mode | floor | median results | largest | queries with 0 | with ≤ 10 | totals marked lower bound |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, mode) in SearchEvaluation.AllModes)
        {
            foreach (var (label, which) in new (string, RelevanceFloor?)[] { ("none", RelevanceFloor.Off), ("default", null) })
            {
                var totals = new List<int>();
                var lowerBounds = 0;
                foreach (var query in queries)
                {
                    var result = await evaluation.SearchAsync(query, mode, which, pageSize: 10, CancellationToken.None);
                    totals.Add(result.Total);
                    lowerBounds += result.TotalIsLowerBound ? 1 : 0;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {label} | {Median(totals)} | {totals.Max()} | {totals.Count(t => t == 0)} | {totals.Count(t => t <= 10)} | {lowerBounds} |"));
            }
        }
        return 0;
    }

    public static double Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
    }
}
