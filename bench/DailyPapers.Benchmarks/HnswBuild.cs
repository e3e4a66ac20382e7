using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using DailyPapers.Search;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>hnsw-build N [BATCH]</c>: builds the vector index (production settings) from N synthetic clustered
/// vectors, once adding them one call per vector and once in batches of BATCH (default 2,000, the
/// catch-up page size), and prints the CPU time per vector of each: what building the index costs
/// and whether the batch form matters.
/// </summary>
internal static class HnswBuild
{
    public static int Run(int count, int batch)
    {
        var random = new Random(20261129);
        var centres = Enumerable.Range(0, Math.Max(1, count / 500)).Select(_ => SyntheticVectors.Unit(SyntheticVectors.Gaussian(random, 384))).ToArray();
        var vectors = Enumerable.Range(0, count).Select(i => ((long)i, SyntheticVectors.Near(centres[random.Next(centres.Length)], random))).ToList();
        Console.WriteLine($"{count} vectors, load {EmbedThroughput.LoadAverage()}");
        Measure("one call per vector", index => vectors.ForEach(v => index.Upsert(v.Item1, v.Item2)), vectors);
        Measure($"batches of {batch}", index =>
        {
            foreach (var chunk in vectors.Chunk(batch))
            {
                index.Upsert(chunk);
            }
        }, vectors);
        return 0;
    }

    private static void Measure(string name, Action<VectorIndex> build, List<(long, float[])> vectors)
    {
        using var index = VectorIndex.CreateEmpty("bench@256", 384, new VectorIndexOptions());
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        build(index);
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {clock.Elapsed.TotalSeconds:F1} s wall, {used.TotalSeconds:F1} s CPU, {used.TotalMicroseconds / vectors.Count:F0} us CPU per vector, recall@10 {Recall(index, vectors):0.0000}, load {EmbedThroughput.LoadAverage()}"));
    }

    /// <summary>Recall@10 against exact search, 200 of the indexed vectors moved by noise as queries.</summary>
    private static double Recall(VectorIndex index, List<(long Id, float[] Vector)> vectors)
    {
        var random = new Random(7);
        var found = 0;
        const int Queries = 200;
        for (var q = 0; q < Queries; q++)
        {
            var probe = SyntheticVectors.Near(vectors[random.Next(vectors.Count)].Vector, random);
            var exact = vectors.OrderByDescending(v => TensorPrimitives.Dot(probe, v.Vector)).Take(10).Select(v => v.Id).ToHashSet();
            found += index.Search(probe, 10).Count(hit => exact.Contains(hit.PaperId));
        }
        return found / (10.0 * Queries);
    }
}
