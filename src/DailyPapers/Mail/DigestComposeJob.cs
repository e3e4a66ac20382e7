using DailyPapers.Data;
using DailyPapers.Search;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// Composes due digests inside the site every <see cref="MailOptions.ComposeInterval"/> (when
/// <see cref="MailOptions.ComposeInBackground"/>); <see cref="OutboxSenderJob"/> then delivers them.
/// Nodes sharing a database take turns through the <c>digest-compose</c> lease, so one composes per
/// run; one killed mid-run loses nothing, since the next holder composes whatever has no outbox row yet.
/// </summary>
public sealed partial class DigestComposeJob(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<DigestComposeJob> logger) : BackgroundService
{
    public const string LeaseName = "digest-compose";

    /// <summary>This process, as lease owner: the host name says which node, the nonce which run of it.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await JobLeases.TryAcquireAsync(db, LeaseName, Owner, clock.GetUtcNow().UtcDateTime, options.Value.ComposeLease, cancellationToken))
        {
            return null;
        }
        try
        {
            // Saved searches ask this node's keyword index; bring it up to the catalog first.
            await scope.ServiceProvider.GetRequiredService<SearchIndexes>().CatchUpAsync(cancellationToken);
            return await scope.ServiceProvider.GetRequiredService<DigestComposition>().ComposeDueAsync(null, dryRun: false, cancellationToken);
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, LeaseName, Owner, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
    }

    [LoggerMessage(LogLevel.Information, "Digests: {Composed} composed, {Skipped} skipped (nothing new)")]
    private static partial void LogRun(ILogger logger, int composed, int skipped);

    [LoggerMessage(LogLevel.Error, "Digest composition failed")]
    private static partial void LogRunFailed(ILogger logger, Exception failure);
}
