using DailyPapers.Jobs;
using DailyPapers.Search;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// Composes due digests inside the site every <see cref="MailOptions.ComposeInterval"/> (when
/// <see cref="MailOptions.ComposeInBackground"/>); <see cref="OutboxSenderJob"/> then delivers them.
/// Nodes sharing a database take turns through the <c>digest-compose</c> lease (<see cref="ClusterJobs"/>,
/// renewed while composing), so one composes per run; one killed mid-run loses nothing, since the
/// next holder composes whatever has no outbox row yet.
/// </summary>
public sealed partial class DigestComposeJob(
    IServiceScopeFactory scopes, ClusterJobs jobs, IOptions<MailOptions> options, ILogger<DigestComposeJob> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ComposeInBackground)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.ComposeInterval, clock);
        do
        {
            try
            {
                Health.SiteMetrics.JobRan(Health.SiteMetrics.DigestComposeJob);
                if (await RunOnceAsync(stoppingToken) is { } run && run.Composed + run.Skipped > 0)
                {
                    LogRun(logger, run.Composed, run.Skipped);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A database hiccup must not end composition for the life of the process; the next tick tries again.
                Health.SiteMetrics.JobFailed(Health.SiteMetrics.DigestComposeJob);
                LogRunFailed(logger, failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One run if this node gets the lease; null if another node holds it.</summary>
    public async Task<ComposeRun?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var run = await jobs.RunOnceAsync(JobNames.DigestCompose, options.Value.ComposeLease, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            // Saved searches ask this node's keyword index; bring it up to the catalog first.
            await scope.ServiceProvider.GetRequiredService<SearchIndexes>().CatchUpAsync(ct);
            return await scope.ServiceProvider.GetRequiredService<DigestComposition>().ComposeDueAsync(null, dryRun: false, ct);
        }, cancellationToken);
        return run.Ran ? run.Result : null;
    }

    [LoggerMessage(LogLevel.Information, "Digests: {Composed} composed, {Skipped} skipped (nothing new)")]
    private static partial void LogRun(ILogger logger, int composed, int skipped);

    [LoggerMessage(LogLevel.Error, "Digest composition failed")]
    private static partial void LogRunFailed(ILogger logger, Exception failure);
}
