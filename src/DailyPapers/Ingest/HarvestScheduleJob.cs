using System.Globalization;
using DailyPapers.Data;
using DailyPapers.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>
/// Harvests arXiv and Hugging Face on <c>Harvest:Schedule</c> (off by default). Every node looks
/// each <see cref="HarvestScheduleOptions.CheckInterval"/>; a due source is run by the node that
/// takes its lease (<c>harvest-arxiv</c>, <c>harvest-hf</c>), which checks again under the lease and
/// records the run's start in <c>job_cursors</c> (<c>schedule:harvest-arxiv</c>, ...) before
/// fetching, so each period runs once in the cluster and a failing source waits for its next time
/// rather than retrying every minute. The harvests resume from their stored cursors, so a holder
/// killed mid-run loses at most the page it was on.
/// </summary>
public sealed partial class HarvestScheduleJob(
    IServiceScopeFactory scopes, ClusterJobs jobs, IOptions<HarvestOptions> options, TimeProvider clock, ILogger<HarvestScheduleJob> logger) : BackgroundService
{
    private HarvestScheduleOptions Settings => options.Value.Schedule;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Settings.ArxivSchedule.IsOff && Settings.HfSchedule.IsOff)
        {
            return;
        }
        using var timer = new PeriodicTimer(Settings.CheckInterval, clock);
        do
        {
            foreach (var lease in new[] { JobNames.HarvestArxiv, JobNames.HarvestHf })
            {
                try
                {
                    if (await RunIfDueAsync(lease, stoppingToken))
                    {
                        Health.SiteMetrics.JobRan(lease);
                    }
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // A source that is down must not end the schedule; its next time tries again.
                    Health.SiteMetrics.JobRan(lease);
                    Health.SiteMetrics.JobFailed(lease);
                    LogFailed(logger, lease, failure);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs the source behind <paramref name="lease"/> if it is due and no other node is on it; true when this node harvested.</summary>
    public async Task<bool> RunIfDueAsync(string lease, CancellationToken cancellationToken)
    {
        var schedule = lease == JobNames.HarvestArxiv ? Settings.ArxivSchedule : Settings.HfSchedule;
        // A cheap look before the lease, which is a write.
        if (!schedule.IsDue(await LastRunAsync(lease, cancellationToken), clock.GetUtcNow()))
        {
            return false;
        }
        var run = await jobs.RunOnceAsync(lease, Settings.Lease, async ct =>
        {
            // Again under the lease: another node may have run it between that look and the lease.
            if (!schedule.IsDue(await LastRunAsync(lease, ct), clock.GetUtcNow()))
            {
                return false;
            }
            await RecordRunAsync(lease, ct);
            await using var scope = scopes.CreateAsyncScope();
            var progress = new HarvestLog(logger, lease);
            if (lease == JobNames.HarvestArxiv)
            {
                await HarvestArxivAsync(scope.ServiceProvider, progress, ct);
            }
            else
            {
                await HarvestHfAsync(scope.ServiceProvider, progress, ct);
            }
            return true;
        }, cancellationToken);
        return run.Ran && run.Result;
    }

    private async Task HarvestArxivAsync(IServiceProvider services, HarvestLog progress, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var set = Settings.ArxivSet;
        var cursor = await OaiHarvestCursor.LoadAsync(db, OaiHarvestCursor.Key(set), cancellationToken);
        // With nothing harvested yet the schedule starts at yesterday; history is `harvest arxiv --from DAY`.
        DateOnly? from = cursor is { Datestamp: null, Pending: null } ? Today.AddDays(-1) : null;
        var result = await services.GetRequiredService<ArxivHarvester>().RunAsync(new ArxivHarvestRequest(from, null, set), progress, cancellationToken);
        LogArxiv(logger, result.Papers, result.Written.Inserted, result.Written.Updated, result.Skipped);
    }

    private async Task HarvestHfAsync(IServiceProvider services, HarvestLog progress, CancellationToken cancellationToken)
    {
        var yesterday = Today.AddDays(-1);
        // Yesterday's and today's lists still grow (and gather upvotes); a site that was down continues from its last day.
        var last = await HfHarvestCursor.LoadAsync(services.GetRequiredService<AppDbContext>(), cancellationToken);
        var from = last is { } day && day < yesterday ? day : yesterday;
        var result = await services.GetRequiredService<HfHarvester>().RunAsync(from, Today, progress, cancellationToken);
        LogHf(logger, result.Days, result.Papers, result.Written.Inserted, result.Written.Updated, result.Skipped);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string RunKey(string lease) => "schedule:" + lease;

    private async Task<DateTimeOffset?> LastRunAsync(string lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var value = await db.JobCursors.AsNoTracking().Where(c => c.Name == RunKey(lease)).Select(c => c.Value).SingleOrDefaultAsync(cancellationToken);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last) ? last : null;
    }

    private async Task RecordRunAsync(string lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var value = now.ToString("O", CultureInfo.InvariantCulture);
        var row = await db.JobCursors.SingleOrDefaultAsync(c => c.Name == RunKey(lease), cancellationToken);
        if (row is null)
        {
            db.JobCursors.Add(new JobCursor { Name = RunKey(lease), Value = value, UpdatedAt = now.UtcDateTime });
        }
        else
        {
            (row.Value, row.UpdatedAt) = (value, now.UtcDateTime);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Error, "Scheduled harvest {Lease} failed; it runs again at its next time")]
    private static partial void LogFailed(ILogger logger, string lease, Exception failure);

    [LoggerMessage(LogLevel.Information, "Scheduled arXiv harvest: {Papers} papers ({Inserted} new, {Updated} updated), {Skipped} skipped")]
    private static partial void LogArxiv(ILogger logger, long papers, int inserted, int updated, long skipped);

    [LoggerMessage(LogLevel.Information, "Scheduled Hugging Face harvest: {Days} days, {Papers} papers ({Inserted} new, {Updated} updated), {Skipped} skipped")]
    private static partial void LogHf(ILogger logger, int days, long papers, int inserted, int updated, long skipped);
}
