using System.Globalization;
using System.Numerics.Tensors;
using DailyPapers.Cli;
using DailyPapers.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>ann-recall DATA_DIR [QUERIES] [SEED]</c>: recall@10 of the saved HNSW index against exact search
/// (brute-force dot products over every stored vector of the configured model). The queries are
/// stored vectors chosen by a fixed seed, each moved by a little noise so it is not its own answer.
/// </summary>
internal static class AnnRecall
{
    public static async Task<int> RunAsync(string data, int queries, int seed)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        await indexes.CatchUpAsync(CancellationToken.None);
        var ids = new List<long>();
        var vectors = new List<float[]>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT paper_id, vector FROM paper_embeddings WHERE model = $model ORDER BY paper_id";
            select.Parameters.AddWithValue("$model", indexes.ModelKey);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
                vectors.Add(VectorBytes.ToFloats((byte[])reader.GetValue(1)));
            }
        }
        var random = new Random(seed);
        var probes = Enumerable.Range(0, queries).Select(_ =>
        {
            var near = SyntheticVectors.Unit(SyntheticVectors.Gaussian(random, vectors[0].Length));
            TensorPrimitives.Multiply(near, 0.3f, near);
            TensorPrimitives.Add(near, vectors[random.Next(vectors.Count)], near);
            return SyntheticVectors.Unit(near);
        }).ToArray();
        var exactSets = new HashSet<long>[probes.Length];
        Parallel.For(0, probes.Length, q =>
        {
            var best = new PriorityQueue<long, float>();
            for (var i = 0; i < vectors.Count; i++)
            {
                var score = TensorPrimitives.Dot(probes[q], vectors[i]);
                if (best.Count < 10)
                {
                    best.Enqueue(ids[i], score);
                }
                else if (score > MinScore(best))
                {
                    best.EnqueueDequeue(ids[i], score);
                }
            }
            var exact = new HashSet<long>();
            while (best.TryDequeue(out var id, out _))
            {
                exact.Add(id);
            }
            exactSets[q] = exact;
        });
        var found = probes.Select((probe, q) => indexes.VectorSearch(probe, 10).Count(hit => exactSets[q].Contains(hit.PaperId))).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{vectors.Count} vectors, {probes.Length} queries: HNSW recall@10 against exact search {found.Sum() / (10.0 * probes.Length):0.0000}, load {EmbedThroughput.LoadAverage()}"));
        return 0;
    }

    private static float MinScore(PriorityQueue<long, float> queue) => queue.TryPeek(out _, out var score) ? score : float.MinValue;
}
