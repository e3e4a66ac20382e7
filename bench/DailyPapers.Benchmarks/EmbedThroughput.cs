using System.Diagnostics;
using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Ingest;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>embed-throughput FILE N MAX_TOKENS [RUNS]</c>: papers/s of the bare model against the production
/// embedding path on the same N papers (the first N with an abstract in FILE), same batch size, same
/// token limit, same process and cores. Bare: the model's own encoder on texts cut to the token limit
/// beforehand (outside the clock). Production: <see cref="PaperEmbedder"/> (database read, cutting,
/// model, storing), the code behind <c>dailypapers embed</c>, after its stored embeddings are deleted.
/// Runs alternate (bare, production, bare, …) so a change in machine load hits both alike.
/// </summary>
internal static class EmbedThroughput
{
    public static async Task<int> RunAsync(string file, int count, int maxTokens, int runs)
    {
        var records = ReadPapers(file, count);
        var data = Path.Combine(Path.GetTempPath(), "dailypapers-embed-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = await CliHost.StartAsync(data, CancellationToken.None, new Dictionary<string, string?>
            {
                ["Search:MaxTokens"] = maxTokens.ToString(CultureInfo.InvariantCulture),
                ["DemoData:Enabled"] = "false",
            });
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(records, "bench", CancellationToken.None);
            }
            var options = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value;
            var text = host.Services.GetRequiredService<EmbeddingText>();
            var embedder = host.Services.GetRequiredService<PaperEmbedder>();
            var inputs = records.Select(r => text.ForPaper(r.Title, r.Abstract)).ToArray();
            using var encoder = (IDisposable)options.EmbeddingModel.CreateEncoder();
            var bare = (SentenceTransformers.ISentenceEncoder)encoder;
            bare.Encode(inputs[..Math.Min(inputs.Length, options.EmbedBatchSize)]); // load and warm up both
            await embedder.EmbedPendingAsync(options.EmbedBatchSize, null, CancellationToken.None);

            Console.WriteLine($"{records.Count} papers, model {embedder.ModelKey}, batch {options.EmbedBatchSize}, {Environment.ProcessorCount} cores, load {LoadAverage()}");
            var cut = Stopwatch.StartNew();
            foreach (var record in records)
            {
                text.ForPaper(record.Title, record.Abstract);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cutting the texts alone: {records.Count / cut.Elapsed.TotalSeconds:F0} papers/s"));
            var tokenizer = options.EmbeddingModel.CreateTokenizer();
            cut.Restart();
            foreach (var input in inputs)
            {
                tokenizer.Tokenize(512, input);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokenizing the cut texts alone: {inputs.Length / cut.Elapsed.TotalSeconds:F0} papers/s"));
            var (bareRates, productionRates) = (new List<double>(), new List<double>());
            var (bareCpu, productionCpu) = (new List<double>(), new List<double>());
            var process = Process.GetCurrentProcess();
            for (var run = 1; run <= runs; run++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                foreach (var batch in inputs.Chunk(options.EmbedBatchSize))
                {
                    bare.Encode(batch);
                }
                bareRates.Add(inputs.Length / clock.Elapsed.TotalSeconds);
                process.Refresh();
                bareCpu.Add(inputs.Length / (process.TotalProcessorTime - cpu).TotalSeconds);

                await using (var scope = host.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<AppDbContext>().PaperEmbeddings.ExecuteDeleteAsync();
                }
                process.Refresh();
                cpu = process.TotalProcessorTime;
                clock.Restart();
                var done = await embedder.EmbedPendingAsync(null, null, CancellationToken.None);
                productionRates.Add(done / clock.Elapsed.TotalSeconds);
                process.Refresh();
                productionCpu.Add(done / (process.TotalProcessorTime - cpu).TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: bare {bareRates[^1]:F1} papers/s, PaperEmbedder {productionRates[^1]:F1} papers/s ({done} papers), ratio {productionRates[^1] / bareRates[^1]:P1}; per CPU-second: bare {bareCpu[^1]:F2}, PaperEmbedder {productionCpu[^1]:F2}, ratio {productionCpu[^1] / bareCpu[^1]:P1}; load {LoadAverage()}"));
            }
            var (bareMedian, productionMedian) = (Median(bareRates), Median(productionRates));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: bare {bareMedian:F1} papers/s, PaperEmbedder {productionMedian:F1} papers/s, ratio {productionMedian / bareMedian:P1}; per CPU-second: bare {Median(bareCpu):F2}, PaperEmbedder {Median(productionCpu):F2}, ratio {Median(productionCpu) / Median(bareCpu):P1}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The first <paramref name="count"/> papers of an import file that have an abstract, parsed by the importer.</summary>
    public static List<PaperRecord> ReadPapers(string file, int count)
    {
        var format = InputFile.DetectFormat(file) ?? throw new InvalidDataException(file + ": unknown format");
        using var input = InputFile.Open(file);
        return [.. format.Parse(input.Content, file, new ImportOptions())
            .Select(i => i.Record)
            .Where(r => r is not null && !string.IsNullOrWhiteSpace(r.Abstract))
            .Take(count)
            .Select(r => r!)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
