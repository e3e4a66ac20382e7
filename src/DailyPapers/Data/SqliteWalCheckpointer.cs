using Microsoft.Data.Sqlite;

namespace DailyPapers.Data;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file on a connection and
/// thread of its own, so a bulk writer goes on with its next batch instead of stopping for the copy
/// and its two fsyncs. SQLite lets a passive checkpoint run beside the one writer; the writer's own
/// automatic checkpoint stays on as the backstop that lets the log start over (see
/// <c>SqliteCatalogSql</c>). One checkpoint runs at a time; asking while one runs queues exactly
/// one more, because the running one may have started before the newest commit and so cannot
/// have copied it.
/// </summary>
public sealed partial class SqliteWalCheckpointer(string connectionString, ILogger<SqliteWalCheckpointer> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _requestedWhileRunning;

    /// <summary>Completes when no checkpoint is running (for shutdown and tests).</summary>
    public Task Idle
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Starts a checkpoint in the background unless one is already running.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_running.IsCompleted)
            {
                _running = Task.Run(CheckpointUntilNoneRequested);
            }
            else
            {
                _requestedWhileRunning = true;
            }
        }
    }

    private void CheckpointUntilNoneRequested()
    {
        while (true)
        {
            Checkpoint();
            lock (_gate)
            {
                if (!_requestedWhileRunning)
                {
                    return;
                }
                _requestedWhileRunning = false;
            }
        }
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                long busy = reader.GetInt64(0), log = reader.GetInt64(1), copied = reader.GetInt64(2);
                Checkpointed(busy, log, copied);
            }
        }
        catch (SqliteException exception)
        {
            // Only an optimization: the writer's own checkpoint still copies whatever this did not.
            CheckpointFailed(exception);
        }
    }

    /// <summary>Lets a running checkpoint finish before the process lets go of the database.</summary>
    public async ValueTask DisposeAsync() => await Idle;

    [LoggerMessage(Level = LogLevel.Debug, Message = "WAL checkpoint: busy {Busy}, {Log} frames in the log, {Copied} copied")]
    private partial void Checkpointed(long busy, long log, long copied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background WAL checkpoint failed")]
    private partial void CheckpointFailed(Exception exception);
}
