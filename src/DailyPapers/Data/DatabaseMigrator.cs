namespace DailyPapers.Data;

/// <summary>
/// Applies migrations before anything else starts (before the server listens, before jobs run),
/// so a fresh data directory or database becomes a working site without an operator step.
/// </summary>
internal sealed class DatabaseMigrator(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => services.MigrateDatabaseAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
