using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Ingest;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Benchmarks;

/// <summary>
/// Scale test data made from the real catalog. <c>synth-papers DATA_DIR COPIES</c> writes COPIES
/// copies of every paper already in DATA_DIR through <see cref="CatalogWriter"/>, each with a new id in
/// a range arXiv has not reached (<c>3001.00001</c> onwards: years 2030+), its abstract's sentences and
/// its title's words shuffled. <c>synth-vectors DATA_DIR [CLUSTERS] [SEED]</c> stores a synthetic unit
/// vector for every paper without an embedding for the configured model, rows as
/// <see cref="PaperEmbedder"/> writes them, and times building the indexes through <see cref="SearchIndexes"/>:
/// BM25 first (before the vectors exist), then HNSW. Vectors are clustered (a random centre plus
/// noise of equal norm, so same-cluster neighbours differ only by noise), which keeps HNSW's job hard.
/// </summary>
internal static partial class SyntheticCatalog
{
    public const int FirstSyntheticYear = 30;

    public static async Task<int> PapersAsync(string data, int copies)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        List<PaperRecord> originals;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            originals = await db.Papers.AsNoTracking().Where(p => !EF.Functions.Like(p.ArxivId, "3%")).OrderBy(p => p.Id)
                .Select(p => new PaperRecord
                {
                    ArxivId = p.ArxivId,
                    Title = p.Title,
                    Abstract = p.Abstract,
                    Authors = p.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList(),
                    Categories = p.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    PublishedAt = p.PublishedAt,
                }).ToListAsync();
        }
        var clock = Stopwatch.StartNew();
        var random = new Random(20261129);
        var (number, written) = (0, 0);
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var batch in originals.Chunk(CatalogImporter.DefaultBatchSize))
            {
                var records = batch.Select(paper => paper with
                {
                    ArxivId = SyntheticId(number++),
                    Title = string.Join(' ', Shuffle(paper.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries), random)),
                    Abstract = paper.Abstract is null ? null : string.Join(' ', Shuffle(Sentence().Split(paper.Abstract), random)),
                }).ToList();
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(records, "synthetic", CancellationToken.None);
                written += records.Count;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"copy {copy + 1}/{copies}: {written} papers written in {clock.Elapsed.TotalSeconds:F0} s, load {EmbedThroughput.LoadAverage()}"));
        }
        return 0;
    }

    /// <summary>5-digit numbers from 3001.00001, 99,999 per month, 12 months per year.</summary>
    public static string SyntheticId(int number)
    {
        var (month, serial) = Math.DivRem(number, 99_999);
        return string.Create(CultureInfo.InvariantCulture, $"{FirstSyntheticYear + month / 12:D2}{month % 12 + 1:D2}.{serial + 1:D5}");
    }

    public static async Task<int> VectorsAsync(string data, int clusters, int seed)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        var options = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value;
        var dimensions = options.EmbeddingModel.Dimensions;
        Console.WriteLine($"load {EmbedThroughput.LoadAverage()}");
        var clock = Stopwatch.StartNew();
        var before = await indexes.CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index catch-up before storing vectors ({before.KeywordDocuments} papers into BM25, {before.Vectors} vectors into HNSW): {clock.Elapsed.TotalSeconds:F1} s, load {EmbedThroughput.LoadAverage()}"));

        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => SyntheticVectors.Unit(SyntheticVectors.Gaussian(random, dimensions))).ToArray();
        clock.Restart();
        long inserted;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var model = indexes.ModelKey;
            var pending = await db.Papers.AsNoTracking()
                .Where(p => !db.PaperEmbeddings.Any(e => e.PaperId == p.Id && e.Model == model))
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.ChangeSeq }).ToListAsync();
            inserted = await InsertAsync(db, model, pending.Select(p => (p.Id, p.ChangeSeq)).ToList(), centres, random);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{inserted} synthetic vectors stored in {clock.Elapsed.TotalSeconds:F1} s ({clusters} clusters)"));
        clock.Restart();
        var result = await indexes.CatchUpAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index catch-up after storing them ({result.KeywordDocuments} papers into BM25, {result.Vectors} vectors into HNSW): {clock.Elapsed.TotalSeconds:F1} s, {indexes.VectorCount} vectors, load {EmbedThroughput.LoadAverage()}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB"));
        await indexes.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// One transaction per 10,000 rows, a prepared INSERT, one change sequence per transaction (as an
    /// embedding batch takes one). Plain ADO.NET parameters, so the same code fills SQLite or PostgreSQL.
    /// </summary>
    private static async Task<long> InsertAsync(AppDbContext db, string model, List<(long Id, long ChangeSeq)> papers, float[][] centres, Random random)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        long inserted = 0;
        foreach (var batch in papers.Chunk(10_000))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var changeSeq = await ChangeSequence.NextAsync(db, CancellationToken.None);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction.GetDbTransaction();
            insert.CommandText = "INSERT INTO paper_embeddings (paper_id, model, dimensions, vector, text_hash, source_change_seq, change_seq, computed_at) VALUES (@id, @model, @dims, @vector, @hash, @source, @seq, @at)";
            var id = Parameter(insert, "id", 0L);
            Parameter(insert, "model", model);
            Parameter(insert, "dims", centres[0].Length);
            var vector = Parameter(insert, "vector", Array.Empty<byte>());
            Parameter(insert, "hash", new byte[16]);
            var source = Parameter(insert, "source", 0L);
            Parameter(insert, "seq", changeSeq);
            Parameter(insert, "at", new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc));
            foreach (var (paperId, paperSeq) in batch)
            {
                id.Value = paperId;
                source.Value = paperSeq;
                vector.Value = VectorBytes.FromFloats(SyntheticVectors.Near(centres[random.Next(centres.Length)], random));
                await insert.ExecuteNonQueryAsync();
                inserted++;
            }
            await transaction.CommitAsync();
        }
        return inserted;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static T[] Shuffle<T>(T[] items, Random random)
    {
        random.Shuffle(items);
        return items;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex Sentence();
}

/// <summary>Clustered unit vectors: a random unit centre plus Gaussian noise of about the same norm.</summary>
internal static class SyntheticVectors
{
    public static float[] Gaussian(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            // Box-Muller.
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        return vector;
    }

    public static float[] Unit(float[] vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector));
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    public static float[] Near(float[] centre, Random random)
    {
        var noise = Unit(Gaussian(random, centre.Length));
        System.Numerics.Tensors.TensorPrimitives.Add(noise, centre, noise);
        return Unit(noise);
    }
}
