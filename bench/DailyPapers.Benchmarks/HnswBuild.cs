using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using DailyPapers.Search;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>hnsw-build N [BATCH] [EF_ADD,...]</c>: builds the vector index (production settings, or each
/// efConstruction given) from N synthetic clustered vectors, once adding them one call per vector
/// (one thread) and once in batches of BATCH (default 2,000, the catch-up page size; inserted from all
/// cores), and prints the time, CPU per vector and recall@10 of each: what building the index costs
/// and what the parallel batch form gains and loses.
/// </summary>
internal static class HnswBuild
{
    public static int Run(int count, int batch, IReadOnlyList<int> expansions)
    {
        var random = new Random(20261129);
        var centres = Enumerable.Range(0, Math.Max(1, count / 500)).Select(_ => SyntheticVectors.Unit(SyntheticVectors.Gaussian(random, 384))).ToArray();
        var vectors = Enumerable.Range(0, count).Select(i => ((long)i, SyntheticVectors.Near(centres[random.Next(centres.Length)], random))).ToList();
        Console.WriteLine($"{count} vectors, load {EmbedThroughput.LoadAverage()}");
        foreach (var expansion in expansions)
        {
            var options = new VectorIndexOptions { ExpansionAdd = expansion };
            Measure($"efConstruction {expansion}, one call per vector", options, index => vectors.ForEach(v => index.Upsert(v.Item1, v.Item2)), vectors);
            Measure($"efConstruction {expansion}, batches of {batch}", options, index =>
            {
                foreach (var chunk in vectors.Chunk(batch))
                {
                    index.Upsert(chunk);
                }
            }, vectors);
        }
        return 0;
    }

    private static void Measure(string name, VectorIndexOptions options, Action<VectorIndex> build, List<(long, float[])> vectors)
    {
        using var index = VectorIndex.CreateEmpty("bench@256", 384, options);
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
