using System.Diagnostics;
using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>new-node SOURCE_DATA NODE_DATA</c>: a node that starts with an empty data directory
/// (NODE_DATA) on the database of SOURCE_DATA (its SQLite file, or a PostgreSQL connection string), timed from process start to its
/// first finished catch-up, which is when its search index reports ready: the keyword index from
/// the papers, the vector index from the stored embeddings. The embeddings' row count, newest
/// sequence and newest time are compared before and after, so a run that wrote any shows it.
/// </summary>
internal static class NewNode
{
    public static async Task<int> RunAsync(string source, string node)
    {
        if (Directory.Exists(Path.Combine(node, "index")))
        {
            await Console.Error.WriteLineAsync($"{node} already has an index folder: a new node starts with none.");
            return 2;
        }
        var sinceStart = TimeProvider.System.GetUtcNow() - Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var clock = Stopwatch.StartNew();
        using var host = await CliHost.StartAsync(node, CancellationToken.None, OnDatabaseOf(source));
        var before = await EmbeddingsAsync(host.Services);
        Console.WriteLine($"load {EmbedThroughput.LoadAverage()}; {before.Rows} stored embeddings");
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        var caughtUp = await indexes.CatchUpAsync(CancellationToken.None);
        var ready = sinceStart + clock.Elapsed;
        var after = await EmbeddingsAsync(host.Services);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ready: {indexes.IsReady} after {ready.TotalSeconds:F1} s from process start ({caughtUp.KeywordDocuments} papers into BM25, {caughtUp.Vectors} vectors into HNSW, " +
            $"{indexes.KeywordCount} and {indexes.VectorCount} in the indexes; restored snapshot {caughtUp.RestoredSnapshot?.ToString(CultureInfo.InvariantCulture) ?? "none"}; BM25 part {indexes.LastRoundTimes.Keyword.TotalSeconds:F1} s, HNSW part {indexes.LastRoundTimes.Vectors.TotalSeconds:F1} s); CPU {cpu.TotalSeconds:F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB; load {EmbedThroughput.LoadAverage()}"));
        Console.WriteLine(before == after ? "embeddings unchanged (no row written)" : $"EMBEDDINGS CHANGED: {before} -> {after}");
        await indexes.DisposeAsync();
        return before == after ? 0 : 1;
    }

    /// <summary>
    /// <c>store-snapshot SOURCE_DATA NODE_DATA</c>: stores a snapshot of NODE_DATA's indexes (built on
    /// SOURCE_DATA's database, say by <c>new-node</c>) in that database, as a node's snapshot job does.
    /// </summary>
    public static async Task<int> StoreSnapshotAsync(string source, string node)
    {
        using var host = await CliHost.StartAsync(node, CancellationToken.None, OnDatabaseOf(source));
        await using var indexes = host.Services.GetRequiredService<SearchIndexes>();
        var clock = Stopwatch.StartNew();
        await indexes.CatchUpAsync(CancellationToken.None);
        var caughtUp = clock.Elapsed;
        var stored = await indexes.SnapshotAsync(CancellationToken.None);
        if (stored is null)
        {
            await Console.Error.WriteLineAsync("No snapshot stored: the indexes are empty or owned by another process.");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshot {stored.Id}: {stored.Length / (1 << 20)} MiB in {stored.ChunkCount} chunks, papers to {stored.KeywordWatermark}, embeddings to {stored.VectorWatermark}; " +
            $"catch-up {caughtUp.TotalSeconds:F1} s, snapshot {(clock.Elapsed - caughtUp).TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>SOURCE is a data directory (its SQLite file) or a PostgreSQL connection string (<c>Host=…</c>).</summary>
    private static Dictionary<string, string?> OnDatabaseOf(string source) => new()
    {
        [$"{DatabaseOptions.Section}:ConnectionString"] = new DatabaseOptions { ConnectionString = source }.UsesPostgres
            ? source
            : DatabaseSetup.SqliteConnectionString(new DataDirectory(Path.GetFullPath(source))),
    };

    private static async Task<(int Rows, long MaxSeq, DateTime? Newest)> EmbeddingsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.PaperEmbeddings.CountAsync();
        var maxSeq = rows == 0 ? 0 : await db.PaperEmbeddings.MaxAsync(e => e.ChangeSeq);
        var newest = rows == 0 ? (DateTime?)null : await db.PaperEmbeddings.MaxAsync(e => e.ComputedAt);
        return (rows, maxSeq, newest);
    }
}
