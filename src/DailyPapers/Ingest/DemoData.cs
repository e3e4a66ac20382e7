using DailyPapers.Data;
using DailyPapers.Jobs;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>The bundled demo catalog. Bound from the <c>DemoData</c> section.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Import the bundled papers when the catalog is empty at start (default true).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// First run: fills an empty catalog with the bundled real Hugging Face daily papers before the
/// site serves, so a fresh install shows a working feed. Runs after migrations (hosted services
/// start in registration order) and never touches a catalog that already has papers. Under the
/// <c>demo-import</c> lease: of nodes starting together on an empty database one imports, the others
/// start at once and serve the papers as its batches commit (their index jobs pick them up).
/// </summary>
internal sealed partial class DemoDataImporter(
    IServiceProvider services, ClusterJobs jobs, IOptions<DemoDataOptions> options, TimeProvider clock, ILogger<DemoDataImporter> logger)
    : IHostedLifecycleService
{
    /// <summary>
    /// <c>job_cursors</c> row saying how far the demo import got: <c>importing</c> while it runs, <c>done</c>
    /// after. A node killed partway leaves <c>importing</c>, and the next start finishes the import
    /// (which skips what is stored) instead of keeping half a catalog because it is no longer empty.
    /// </summary>
    public const string StateKey = "demo-data";

    /// <summary>Renewed while the import runs (half a minute to a minute of mostly write locks on a busy SQLite file); only a dead importer waits it out.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public static string BundledFile => Path.Combine(AppContext.BaseDirectory, "DemoData", "hf-daily-papers.jsonl.gz");

    /// <summary>The demo papers' embeddings, made by <c>dailypapers embeddings export</c>, so hybrid search works from the first minute.</summary>
    public static string BundledEmbeddings => Path.Combine(AppContext.BaseDirectory, "DemoData", "demo-embeddings.bin.gz");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var run = await jobs.RunOnceAsync(JobNames.DemoImport, Lease, ct => ImportIfEmptyAsync(services, BundledFile, clock, logger, ct), cancellationToken);
        if (!run.Ran)
        {
            var holder = await jobs.HolderAsync(JobNames.DemoImport, cancellationToken);
            LogImportedElsewhere(logger, holder ?? "another node");
        }
    }

    /// <summary>
    /// Imports <paramref name="file"/> when the catalog has no papers, or finishes an import that was
    /// cut off; returns the papers written (0 when skipped). Callers other than tests hold the lease.
    /// </summary>
    public static async Task<int> ImportIfEmptyAsync(IServiceProvider services, string file, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var state = await db.JobCursors.AsNoTracking().Where(c => c.Name == StateKey).Select(c => c.Value).SingleOrDefaultAsync(cancellationToken);
        if (state != Importing && (state == Done || await db.Papers.AnyAsync(cancellationToken)))
        {
            return 0;
        }
        if (!File.Exists(file))
        {
            // A trimmed deployment may leave the demo file out; the site still starts, just empty.
            LogMissing(logger, file);
            return 0;
        }
        var format = InputFile.DetectFormat(file) ?? throw new InvalidDataException($"Demo data {file}: unknown format.");
        await SaveStateAsync(db, Importing, clock, cancellationToken);
        var started = clock.GetTimestamp();
        var progress = new ImportProgress { Problem = problem => LogSkipped(logger, problem) };
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        var window = DayWindow.Today(scope.ServiceProvider.GetRequiredService<IOptions<CatalogOptions>>(), clock);
        await importer.ImportAsync(file, Path.GetFileName(file), format, new ImportOptions { Window = window }, progress, cancellationToken);
        var papers = progress.Written.Inserted + progress.Written.Updated;
        var entries = progress.Written.NewDailyEntries;
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        LogImported(logger, papers, entries, seconds);
        await ImportEmbeddingsAsync(scope.ServiceProvider, Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileName(BundledEmbeddings)), logger, cancellationToken);
        await SaveStateAsync(db, Done, clock, cancellationToken);
        return papers;
    }

    private const string Importing = "importing";
    private const string Done = "done";

    private static async Task SaveStateAsync(AppDbContext db, string state, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.JobCursors.SingleOrDefaultAsync(c => c.Name == StateKey, cancellationToken);
        if (row is null)
        {
            db.JobCursors.Add(new JobCursor { Name = StateKey, Value = state, UpdatedAt = now });
        }
        else
        {
            (row.Value, row.UpdatedAt) = (state, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The shipped vectors, when they are there and of the configured model; otherwise (another
    /// model configured, a trimmed deployment) the embed job makes them, only later.
    /// </summary>
    private static async Task ImportEmbeddingsAsync(IServiceProvider services, string file, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return;
        }
        try
        {
            await using var input = File.OpenRead(file);
            var result = await services.GetRequiredService<EmbeddingsTransfer>().ImportAsync(input, Path.GetFileName(file), null, cancellationToken);
            LogEmbeddingsImported(logger, result.Imported, result.Skipped);
        }
        catch (InvalidDataException unusable)
        {
            LogEmbeddingsRefused(logger, unusable.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: imported {Imported} shipped embeddings ({Skipped} skipped; the embed job makes any missing)")]
    private static partial void LogEmbeddingsImported(ILogger logger, int imported, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data: shipped embeddings not used: {Reason}")]
    private static partial void LogEmbeddingsRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: imported {Papers} papers and {Entries} daily entries in {Seconds:F1} s")]
    private static partial void LogImported(ILogger logger, int papers, int entries, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Holder} is importing the bundled catalog; this node serves it as it commits")]
    private static partial void LogImportedElsewhere(ILogger logger, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data: {File} is missing; the catalog stays empty")]
    private static partial void LogMissing(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data: skipped {Problem}")]
    private static partial void LogSkipped(ILogger logger, string problem);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
