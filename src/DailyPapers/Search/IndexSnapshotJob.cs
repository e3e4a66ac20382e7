using DailyPapers.Jobs;
using Microsoft.Extensions.Options;

namespace DailyPapers.Search;

/// <summary>
/// Stores a snapshot of this node's indexes in the database when the newest one is older than
/// <see cref="IndexSnapshotOptions.Interval"/>, under the cluster's <c>index-snapshot</c> lease, so one
/// node writes it however many run. It looks as soon as the indexes are first built (a cluster with
/// no snapshot gets one then), and again every interval, at most every five minutes.
/// </summary>
public sealed partial class IndexSnapshotJob(
    SearchIndexes indexes, ClusterJobs jobs, IOptions<SearchOptions> options, TimeProvider clock, ILogger<IndexSnapshotJob> logger) : BackgroundService
{
    /// <summary>Long enough for an upload of a few hundred MB on a slow database; renewed while it runs.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Snapshots;
        if (!settings.Enabled)
        {
            return;
        }
        var wait = settings.Interval < LongestWait ? settings.Interval : LongestWait;
        var shortWait = options.Value.RefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ready = indexes.IsOwner && indexes.IsReady;
            if (ready)
            {
                try
                {
                    await jobs.RunOnceAsync(JobNames.IndexSnapshot, Lease, indexes.SnapshotIfDueAsync, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Derived data: the next round tries again, and until then new nodes use an older snapshot or build.
                    LogFailed(logger, exception);
                }
            }
            try
            {
                // Until the indexes are first built, look again soon, so the first snapshot follows the first build.
                await Task.Delay(ready ? wait : shortWait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Storing an index snapshot failed; trying again on the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
