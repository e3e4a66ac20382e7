using System.Diagnostics;
using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Papers;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>search-latency DATA_DIR QUERIES_FILE [ROUNDS] [MODES]</c>: p50/p99 of one search through
/// <see cref="SearchService"/> (validation, lanes, fusion, loading the page of 100 papers with their
/// authors), one query at a time, for BM25, dense and hybrid, over every line of QUERIES_FILE, ROUNDS
/// times after one untimed round. Dense and hybrid include embedding the query; the query embedding
/// alone and the HNSW search alone are timed too, to show where the time goes. With MODES (a
/// comma-separated list of bm25, dense, hybrid) only those modes run, without the parts alone: an
/// A/B run of two builds, or a profiler watching one path.
/// </summary>
internal static class SearchLatencyLoop
{
    public static async Task<int> RunAsync(string data, string queriesFile, int rounds, string? modes = null)
    {
        var queries = File.ReadAllLines(queriesFile).Select(q => q.Trim()).Where(q => q.Length is > 0 and <= SearchRequest.MaxQueryLength).ToList();
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        var setup = Stopwatch.StartNew();
        await indexes.CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexes open/caught up in {setup.Elapsed.TotalSeconds:F1} s: {indexes.VectorCount} vectors; {queries.Count} queries x {rounds} rounds; load {EmbedThroughput.LoadAverage()}"));
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var text = host.Services.GetRequiredService<EmbeddingText>();

        if (modes is null)
        {
            await TimeComponentsAsync(host.Services, indexes, queries, rounds);
        }
        foreach (var (name, mode) in new[] { ("bm25", SearchMode.Keyword), ("dense", SearchMode.Dense), ("hybrid", SearchMode.Hybrid) }.Where(m => modes is null || modes.Split(',').Contains(m.Item1)))
        {
            var answered = new HashSet<string>(StringComparer.Ordinal);
            Report(name, await TimeAsync(queries, rounds, async q =>
            {
                // A scope per search, as a web request has.
                await using var scope = host.Services.CreateAsyncScope();
                var search = scope.ServiceProvider.GetRequiredService<SearchService>();
                var result = await search.SearchAsync(new SearchRequest(q) { Mode = mode, EmbeddingBudget = TimeSpan.FromSeconds(10) }, CancellationToken.None);
                answered.Add(result.Mode);
            }), "answered as " + string.Join("/", answered));
        }
        Console.WriteLine($"load {EmbedThroughput.LoadAverage()}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
        return 0;
    }

    /// <summary>The parts of a search alone: the query embedding, each lane, loading a page.</summary>
    private static async Task TimeComponentsAsync(IServiceProvider services, SearchIndexes indexes, List<string> queries, int rounds)
    {
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var text = services.GetRequiredService<EmbeddingText>();
        var embedded = new Dictionary<string, float[]>(StringComparer.Ordinal);
        Report("query embedding alone", await TimeAsync(queries, rounds, async q =>
            embedded[q] = (await generator.GenerateVectorAsync(text.ForQuery(q))).ToArray()));
        Report("HNSW search alone (top 100)", await TimeAsync(queries, rounds, q =>
        {
            indexes.VectorSearch(embedded[q], 100);
            return Task.CompletedTask;
        }));
        Report("BM25 lane alone (top 1,000)", await TimeAsync(queries, rounds, q =>
        {
            indexes.KeywordSearch(q, 1000);
            return Task.CompletedTask;
        }));
        var floor = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value;
        Report("BM25 lane with the floor's coverage", await TimeAsync(queries, rounds, q =>
        {
            indexes.KeywordMatch(q, floor.KeywordCandidates, floor.MinKeywordCoverage, floor.CoverageTerms);
            return Task.CompletedTask;
        }), $"(top {floor.KeywordCandidates:N0}, and the count of papers that pass)");
        Report("loading 100 hits alone", await TimeAsync(queries, rounds, async q =>
        {
            // What SearchService does with a ranked page: the papers with authors and feed days.
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = indexes.KeywordSearch(q, 100).ToList();
            await db.LoadPaperViewsAsync(ids, services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);
        }), "(includes the BM25 lane for its top 100)");
    }

    /// <summary>Wall times of the timed rounds, and per operation: the process's CPU, the bytes allocated and the time paused for collections.</summary>
    private sealed record Timing(List<double> Times, double CpuPerOperation, double AllocatedKiBPerOperation, double GcPausePerOperation);

    private static async Task<Timing> TimeAsync(List<string> queries, int rounds, Func<string, Task> run)
    {
        foreach (var query in queries)
        {
            await run(query);
        }
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var paused = GC.GetTotalPauseDuration();
        var times = new List<double>(queries.Count * rounds);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var query in queries)
            {
                var start = Stopwatch.GetTimestamp();
                await run(query);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        process.Refresh();
        // The process's CPU per operation (all its threads): unlike wall time, other work on the machine barely moves it.
        return new(times, (process.TotalProcessorTime - cpu).TotalMilliseconds / times.Count,
            (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / times.Count,
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / times.Count);
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Report(string name, Timing run, string note = "") =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} p50 {Percentile(run.Times, 0.5),7:F2} ms  p99 {Percentile(run.Times, 0.99),7:F2} ms  mean {run.Times.Average(),7:F2} ms  CPU {run.CpuPerOperation,6:F2} ms/op  alloc {run.AllocatedKiBPerOperation,6:F0} KiB/op  GC pause {run.GcPausePerOperation,5:F2} ms/op  n={run.Times.Count}  {note}"));
}
