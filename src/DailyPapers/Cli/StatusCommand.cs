using System.CommandLine;
using System.Globalization;
using DailyPapers.Data;
using DailyPapers.Health;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers status</c>: the node's health facts for an operator (database, change sequence,
/// this data directory's index watermarks and lag, embedding backlog, outbox, job leases, job
/// cursors), and an exit code for scripts. It only reads: no migration, no index is opened for
/// writing, so it runs next to the site and while the database is down.
/// </summary>
public static class StatusCommand
{
    public const int Healthy = 0;
    public const int DatabaseUnreachable = 1;
    public const int IndexesNotBuilt = 3;
    public const int IndexesBehind = 4;

    public static Command Create()
    {
        var command = new Command("status", "Print this node's health (database, search indexes, backlog, outbox, jobs); exit 0 when healthy.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken, migrate: false);
            var services = host.Services;
            var indexes = services.GetRequiredService<SearchIndexes>();
            var (keyword, vector) = SavedWatermarks(indexes);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = services.GetRequiredService<TimeProvider>();
            var snapshot = await HealthFacts.ReadAsync(db, indexes.ModelKey, keyword ?? -1, vector ?? -1, keyword is not null, clock.GetUtcNow(), cancellationToken);
            if (snapshot.DatabaseReachable)
            {
                snapshot = snapshot with { EmbeddingBacklog = await services.GetRequiredService<PaperEmbedder>().CountPendingAsync(cancellationToken) };
            }
            var checks = Readiness.Evaluate(snapshot, services.GetRequiredService<IOptions<HealthOptions>>().Value);
            foreach (var line in Describe(snapshot, indexes.Folder))
            {
                Console.WriteLine(line);
            }
            if (snapshot.DatabaseReachable)
            {
                foreach (var (name, updated) in await db.JobCursors.AsNoTracking().OrderBy(c => c.Name).Select(c => new ValueTuple<string, DateTime>(c.Name, c.UpdatedAt)).ToListAsync(cancellationToken))
                {
                    Console.WriteLine(Invariant($"job cursor {name}: last moved {updated:u}"));
                }
            }
            var failed = checks.FirstOrDefault(check => !check.Passed);
            Console.WriteLine(failed is null ? "status: healthy" : $"status: unhealthy, {failed.Name}: {failed.Detail}");
            return failed?.Name switch
            {
                null => Healthy,
                "database" => DatabaseUnreachable,
                "search" => IndexesNotBuilt,
                _ => IndexesBehind,
            };
        });
        return command;
    }

    /// <summary>
    /// What this data directory's indexes have committed and saved: the keyword index's last commit,
    /// and the vector index's watermark file (saved every 1,000 vectors or minute, so it may trail
    /// the running site's by that much). Null when an index has never been written here.
    /// </summary>
    private static (long? Keyword, long? Vector) SavedWatermarks(SearchIndexes indexes)
    {
        long? keyword = null;
        if (Directory.Exists(indexes.KeywordFolder))
        {
            try
            {
                using var index = KeywordIndex.OpenReadOnly(indexes.KeywordFolder);
                keyword = index.Watermark;
            }
            catch (Exception exception) when (exception is IOException or Lucene.Net.Index.IndexNotFoundException)
            {
                keyword = null;
            }
        }
        return (keyword, VectorIndex.ReadSavedWatermark(indexes.Folder, indexes.ModelKey));
    }

    private static IEnumerable<string> Describe(HealthSnapshot snapshot, string indexFolder)
    {
        if (!snapshot.DatabaseReachable)
        {
            yield return $"database: UNREACHABLE ({snapshot.Provider}): {snapshot.DatabaseError}";
            yield break;
        }
        yield return Invariant($"database: ok ({snapshot.Provider}), latest change {snapshot.LatestChange}");
        yield return snapshot.IndexesBuilt ? Lag("keyword index", snapshot.Keyword) : $"keyword index: not built in {indexFolder}";
        yield return Lag("vector index", snapshot.Vector);
        yield return Invariant($"embedding backlog: {snapshot.EmbeddingBacklog} papers");
        yield return snapshot.OutboxOldestAge is { } age
            ? Invariant($"outbox: {snapshot.OutboxDepth} unsent, oldest waiting {age.TotalSeconds:0} s")
            : "outbox: nothing unsent";
        foreach (var lease in snapshot.Leases)
        {
            yield return lease.Until > snapshot.TakenAt.UtcDateTime
                ? Invariant($"lease {lease.Name}: held by {lease.Owner} until {lease.Until:u}")
                : Invariant($"lease {lease.Name}: free (last held by {lease.Owner}, until {lease.Until:u})");
        }
    }

    private static string Lag(string name, IndexLag lag) => lag.Changes == 0
        ? Invariant($"{name}: current at change {lag.Watermark}")
        : Invariant($"{name}: at change {lag.Watermark} of {lag.Latest}, {lag.Changes} changes behind, oldest waiting {lag.Age.TotalSeconds:0} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
