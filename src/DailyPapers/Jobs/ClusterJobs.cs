using DailyPapers.Data;

namespace DailyPapers.Jobs;

/// <summary>What <see cref="ClusterJobs.RunOnceAsync{T}"/> did: <see cref="Ran"/> is false when another node held the lease.</summary>
public readonly record struct LeasedRun<T>(bool Ran, T? Result);

/// <summary>
/// Runs a piece of work on one node of the cluster at a time: take the job's lease in the database,
/// renew it every third of its length while the work runs, give it back at the end. A node killed
/// while holding it blocks the job until the lease runs out, never longer; the work must therefore
/// be derived from the database (a cursor, rows still pending) and commit as it goes, so the next
/// holder simply continues. A holder that finds its lease taken over (it stalled past the lease,
/// say in a long GC pause or a frozen VM) has its work cancelled, so two nodes never go on together.
/// </summary>
public sealed partial class ClusterJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClusterJobs> logger)
{
    /// <summary>This process, as lease owner: the host name says which node, the nonce which run of it.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Runs <paramref name="work"/> if this node gets <paramref name="name"/> for <paramref name="lease"/>;
    /// otherwise returns at once with <c>Ran = false</c>. The work's token is cancelled when the process
    /// stops or the lease is lost.
    /// </summary>
    public async Task<LeasedRun<T>> RunOnceAsync<T>(string name, TimeSpan lease, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!await WithDbAsync(db => JobLeases.TryAcquireAsync(db, name, Owner, Now, lease, cancellationToken)))
        {
            return new LeasedRun<T>(false, default);
        }
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(name, lease, lost, done.Token);
        try
        {
            return new LeasedRun<T>(true, await work(lost.Token));
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LeaseLostException(name);
        }
        finally
        {
            await done.CancelAsync();
            await renewing;
            // Given back so the next run (on any node) need not wait for it to run out.
            await WithDbAsync(db => JobLeases.ReleaseAsync(db, name, Owner, Now, CancellationToken.None));
        }
    }

    /// <summary>Who holds <paramref name="name"/> now (null: nobody), for messages such as "another node is harvesting".</summary>
    public Task<string?> HolderAsync(string name, CancellationToken cancellationToken) =>
        WithDbAsync(db => JobLeases.HolderAsync(db, name, Now, cancellationToken));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task RenewWhileRunningAsync(string name, TimeSpan lease, CancellationTokenSource lost, CancellationToken done)
    {
        while (true)
        {
            try
            {
                await Task.Delay(lease / 3, clock, done);
                if (!await WithDbAsync(db => JobLeases.RenewAsync(db, name, Owner, Now, lease, done)))
                {
                    LogLeaseLost(logger, name);
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The database may be back before the lease runs out; if not, the renewal after that says it was lost.
                LogRenewFailed(logger, name, failure);
            }
        }
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [LoggerMessage(LogLevel.Warning, "Lost the {Lease} lease (this node stalled past it and another took over); stopping its work")]
    private static partial void LogLeaseLost(ILogger logger, string lease);

    [LoggerMessage(LogLevel.Warning, "Renewing the {Lease} lease failed; trying again")]
    private static partial void LogRenewFailed(ILogger logger, string lease, Exception failure);
}

/// <summary>The work stopped because its lease passed to another node; that node carries on from the database.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string lease) : base($"The {lease} lease passed to another node; this node stopped its work there.")
    {
    }

    public LeaseLostException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
