using Npgsql;

namespace DailyPapers.Data;

/// <summary>
/// One migrating node at a time on a PostgreSQL database. With EF Core's own migration lock alone,
/// two nodes starting together on an empty database both applied the same migration ("relation
/// paper_embeddings already exists", ClusterStartTests). This
/// is a session-level advisory lock on a connection of its own, held around the whole
/// <c>Migrate</c>: the second node waits, then finds every migration applied. A node that dies
/// holding it loses its connection, and PostgreSQL releases the lock with it.
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit number, the same in every node: the ASCII of "DPmigrat".
    private const long Key = 0x44506D6967726174;

    private readonly NpgsqlConnection _connection;

    private PostgresMigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresMigrationLock> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: a pooled connection would go back to the pool, lock and all, if disposal were skipped.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock even if the unlock above failed.
            await _connection.DisposeAsync();
        }
    }
}
