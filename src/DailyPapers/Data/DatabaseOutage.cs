using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DailyPapers.Data;

/// <summary>
/// Tells a failure of the database to answer (server down or restarting, network gone, pool
/// exhausted, SQLite file locked or not openable) from a bug: the first is worth a 503 with
/// <c>Retry-After</c> because the same request will work once the database is back, the second is a 500.
/// The whole chain of inner exceptions is read, since EF and Npgsql wrap the cause
/// (<c>DbUpdateException</c>, <c>InvalidOperationException</c> "likely due to a transient failure",
/// <c>NpgsqlException</c> around a <c>SocketException</c> or <c>TimeoutException</c>).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>
    /// How long a client is asked to wait: a PostgreSQL restart or failover takes seconds, and a
    /// SQLite writer holds its lock for at most one import batch.
    /// </summary>
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED and SQLITE_CANTOPEN: another writer holds the file past the busy timeout, or the file is unreachable.
    private static readonly int[] SqliteUnavailableCodes = [5, 6, 14];

    public static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Signals(current))
            {
                return true;
            }
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Signals(Exception exception) => exception switch
    {
        RetryLimitExceededException => true,
        // Server shutting down, crashed or still starting; connection-class SQL states (08xxx).
        PostgresException postgres => postgres.IsTransient || postgres.SqlState is "57P01" or "57P02" or "57P03" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => SqliteUnavailableCodes.Contains(sqlite.SqliteErrorCode),
        SocketException or TimeoutException => true,
        _ => false,
    };
}
