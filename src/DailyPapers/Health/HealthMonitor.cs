using System.Collections.Concurrent;
using DailyPapers.Data;
using DailyPapers.Search;

namespace DailyPapers.Health;

/// <summary>
/// This node's latest <see cref="HealthSnapshot"/>, read again when older than the caller allows.
/// Concurrent callers share one read. The embedding backlog is a count over the whole catalog, so
/// it is refreshed at most every <see cref="BacklogMaxAge"/> however often metrics are scraped.
/// </summary>
public sealed partial class HealthMonitor : IDisposable
{
    /// <summary>How old a backlog count may be: long enough that scrapes never run the count back to back.</summary>
    public static readonly TimeSpan BacklogMaxAge = TimeSpan.FromSeconds(15);

    /// <summary>How long a probe waits for the database before calling it unreachable (a dropped network can hold a connect for 15 s).</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The monitors of the hosts running in this process (one on a real node), for the metric gauges.</summary>
    internal static readonly ConcurrentDictionary<HealthMonitor, byte> Live = new();

    private readonly IServiceScopeFactory _scopes;
    private readonly SearchIndexes _indexes;
    private readonly PaperEmbedder _embedder;
    private readonly TimeProvider _clock;
    private readonly ILogger<HealthMonitor> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (int Count, DateTimeOffset At)? _backlog;

    public HealthMonitor(IServiceScopeFactory scopes, SearchIndexes indexes, PaperEmbedder embedder, TimeProvider clock, ILogger<HealthMonitor> logger)
    {
        (_scopes, _indexes, _embedder, _clock, _logger) = (scopes, indexes, embedder, clock, logger);
        Live[this] = 0;
    }

    /// <summary>The last snapshot taken, or null before the first.</summary>
    public HealthSnapshot? Latest { get; private set; }

    /// <summary>A snapshot at most <paramref name="maxAge"/> old; with <paramref name="countBacklog"/>, with an embedding backlog at most <see cref="BacklogMaxAge"/> old.</summary>
    public async Task<HealthSnapshot> CurrentAsync(TimeSpan maxAge, bool countBacklog, CancellationToken cancellationToken)
    {
        if (Fresh(Latest, maxAge, countBacklog) is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(Latest, maxAge, countBacklog) is { } shared)
            {
                return shared;
            }
            var snapshot = await ReadAsync(cancellationToken);
            if (countBacklog && snapshot.DatabaseReachable)
            {
                snapshot = snapshot with { EmbeddingBacklog = await BacklogAsync(snapshot.TakenAt, cancellationToken) };
            }
            Latest = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private HealthSnapshot? Fresh(HealthSnapshot? snapshot, TimeSpan maxAge, bool countBacklog) =>
        snapshot is not null && _clock.GetUtcNow() - snapshot.TakenAt <= maxAge && (!countBacklog || snapshot.EmbeddingBacklog is not null)
            ? snapshot
            : null;

    private async Task<HealthSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DatabaseTimeout);
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            return await HealthFacts.ReadAsync(db, _indexes.ModelKey, _indexes.KeywordWatermark, _indexes.VectorWatermark,
                _indexes.IsReady, _clock.GetUtcNow(), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthSnapshot
            {
                TakenAt = _clock.GetUtcNow(),
                Provider = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? "Postgres" : "Sqlite",
                DatabaseError = $"no answer within {DatabaseTimeout.TotalSeconds:0} s",
                IndexesBuilt = _indexes.IsReady,
            };
        }
    }

    private async Task<int?> BacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_backlog is { } known && now - known.At <= BacklogMaxAge)
        {
            return known.Count;
        }
        try
        {
            var count = await _embedder.CountPendingAsync(cancellationToken);
            _backlog = (count, now);
            return count;
        }
        catch (Exception exception) when (DatabaseOutage.IsOutage(exception))
        {
            LogBacklogFailed(_logger, exception.GetBaseException().Message);
            return _backlog?.Count;
        }
    }

    public void Dispose()
    {
        Live.TryRemove(this, out _);
        _gate.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "Counting the embedding backlog failed: {Reason}")]
    private static partial void LogBacklogFailed(ILogger logger, string reason);
}
