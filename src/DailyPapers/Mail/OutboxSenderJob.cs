using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// Runs the outbox sender inside the site every <see cref="MailOptions.SendInterval"/> (when
/// <see cref="MailOptions.SendInBackground"/>). Several nodes may all run it: claims keep them off
/// each other's rows.
/// </summary>
public sealed partial class OutboxSenderJob(OutboxSender sender, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxSenderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendInBackground)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.SendInterval, clock);
        do
        {
            try
            {
                Health.SiteMetrics.JobRan(Health.SiteMetrics.OutboxSenderJob);
                var run = await sender.RunOnceAsync(stoppingToken);
                if (run.Attempted > 0)
                {
                    LogRun(logger, run.Sent, run.Postponed, run.Failed);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A database hiccup must not end delivery for the life of the process; the next tick tries again.
                Health.SiteMetrics.JobFailed(Health.SiteMetrics.OutboxSenderJob);
                LogRunFailed(logger, failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Outbox: {Sent} sent, {Postponed} postponed, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int sent, int postponed, int failed);

    [LoggerMessage(LogLevel.Error, "Outbox run failed")]
    private static partial void LogRunFailed(ILogger logger, Exception failure);
}
