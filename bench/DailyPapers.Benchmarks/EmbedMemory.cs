using System.Diagnostics;
using System.Globalization;
using DailyPapers.Search;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>embed-memory QUERIES_FILE N [MODEL] [SEED]</c>: the process's resident memory while the query
/// embedder runs N queries of varying length (one to four lines of QUERIES_FILE joined, prefixed as
/// the search prefixes them), two at a time as two concurrent searches would. A search site embeds
/// every query, each a new input length, so memory the model keeps per input shape shows here as
/// growth that does not level off; managed heap is printed beside it to tell the two apart.
/// </summary>
internal static class EmbedMemory
{
    public static async Task<int> RunAsync(string queriesFile, int count, string modelName, int seed)
    {
        var model = EmbeddingModel.Find(modelName) ?? throw new ArgumentException($"unknown model '{modelName}'");
        var lines = File.ReadAllLines(queriesFile).Where(l => l.Length > 0).ToArray();
        var random = new Random(seed);
        var queries = Enumerable.Range(0, count)
            .Select(_ => model.QueryPrefix + string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => lines[random.Next(lines.Length)])))
            .ToArray();
        using var generator = new SentenceEmbeddingGenerator(model);
        await generator.WarmUpAsync();
        Report(0, null);
        var clock = Stopwatch.StartNew();
        var done = 0;
        var step = Math.Max(1, count / 10);
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (query, token) =>
        {
            await generator.GenerateAsync([query], cancellationToken: token);
            var finished = Interlocked.Increment(ref done);
            if (finished % step == 0)
            {
                Report(finished, clock.Elapsed);
            }
        });
        return 0;
    }

    private static void Report(int done, TimeSpan? elapsed)
    {
        using var process = Process.GetCurrentProcess();
        var heap = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done,6} queries  RSS {process.WorkingSet64 / 1048576.0,7:F1} MiB  GC heap {heap.HeapSizeBytes / 1048576.0,6:F1} MiB  GC committed {heap.TotalCommittedBytes / 1048576.0,6:F1} MiB{(elapsed is { } e ? $"  {done / e.TotalSeconds:F0} q/s" : "")}"));
    }
}
