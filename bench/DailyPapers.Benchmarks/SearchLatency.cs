using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DailyPapers.Cli;
using DailyPapers.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DailyPapers.Benchmarks;

/// <summary>
/// Server-side latency of one search (validation, lanes, fusion, loading the page of 100 papers with
/// their authors) for BM25 alone, dense alone and hybrid, through <see cref="SearchService"/>, over
/// a prepared data directory named by <c>DAILYPAPERS_BENCH_DATA</c> (imported and embedded with the
/// CLI; see docs/benchmarks.md). Dense and hybrid include embedding the query. Queries rotate
/// through a fixed list, so no single query's cache state decides the figure.
/// </summary>
[Config(typeof(Settings))]
public class SearchLatency
{
    private static readonly string[] Queries =
    [
        "speculative decoding for faster inference",
        "diffusion models for video generation",
        "reinforcement learning from human feedback",
        "vision language models hallucination",
        "long context retrieval augmented generation",
        "mixture of experts routing",
        "3D gaussian splatting",
        "code generation benchmarks for large language models",
        "quantization of transformer weights",
        "multilingual speech recognition",
    ];

    private IHost? _host;
    private AsyncServiceScope _scope;
    private SearchService? _search;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var data = Environment.GetEnvironmentVariable("DAILYPAPERS_BENCH_DATA")
            ?? throw new InvalidOperationException("Set DAILYPAPERS_BENCH_DATA to a data directory with an imported and embedded catalog.");
        _host = await CliHost.StartAsync(data, CancellationToken.None);
        _scope = _host.Services.CreateAsyncScope();
        await _scope.ServiceProvider.GetRequiredService<SearchIndexes>().CatchUpAsync(CancellationToken.None);
        _search = _scope.ServiceProvider.GetRequiredService<SearchService>();
        // Load the model before timing starts.
        await _search.SearchAsync(new SearchRequest("warm up") { EmbeddingBudget = TimeSpan.FromMinutes(1) }, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        _host?.Dispose();
    }

    [Benchmark]
    public Task<SearchResult> Bm25() => RunAsync(SearchMode.Keyword);

    [Benchmark]
    public Task<SearchResult> Dense() => RunAsync(SearchMode.Dense);

    [Benchmark(Baseline = true)]
    public Task<SearchResult> Hybrid() => RunAsync(SearchMode.Hybrid);

    private async Task<SearchResult> RunAsync(SearchMode mode)
    {
        var query = Queries[_next++ % Queries.Length];
        // A generous budget: the figure is the full hybrid cost, not the fallback's.
        var result = await _search!.SearchAsync(new SearchRequest(query) { Mode = mode, EmbeddingBudget = TimeSpan.FromSeconds(10) }, CancellationToken.None);
        return result.Mode == "keyword" && mode != SearchMode.Keyword
            ? throw new InvalidOperationException("The data directory has no embeddings: run `dailypapers embed` on it first.")
            : result;
    }

    /// <summary>
    /// In process: building BenchmarkDotNet's generated project (the whole app with the ONNX packages)
    /// overran its 2-minute build limit on the 2-core machine, and the measured code is the same.
    /// </summary>
    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(5).WithIterationCount(20).WithInvocationCount(20).WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        }
    }
}
