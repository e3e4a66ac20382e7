using DailyPapers.Data;
using Npgsql;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test app: a SQLite file in a temp data directory, or a new
/// database on the PostgreSQL test server. Dropped or deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(Lane lane, string dataDirectory, string? connectionString, string? postgresAdmin, string? postgresName)
    {
        Lane = lane;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public Lane Lane { get; }
    public string DataDirectory { get; }

    /// <summary>PostgreSQL connection string, or null for SQLite when the file lives in the data directory.</summary>
    public string? ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(Lane lane)
    {
        if (lane == Lane.Postgres)
        {
            return await CreateOnServerAsync(Lanes.PostgresServer());
        }
        var dataDirectory = Path.Combine(Path.GetTempPath(), "dailypapers-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        return new TestDatabase(lane, dataDirectory, null, null, null);
    }

    /// <summary>A fresh PostgreSQL database on <paramref name="server"/> (a server of the test's own, such as <see cref="ThrowawayPostgres"/>).</summary>
    public static async Task<TestDatabase> CreateOnServerAsync(string server)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "dailypapers-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var name = "dp_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new TestDatabase(Lane.Postgres, dataDirectory, connectionString, server, name);
    }

    /// <summary>
    /// The same database seen from another node: its own, empty data directory (so nothing on the
    /// first node's disk is shared), the same SQLite file or PostgreSQL database. Disposing it
    /// deletes only that directory.
    /// </summary>
    public TestDatabase AnotherNode()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "dailypapers-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var connectionString = ConnectionString ?? DatabaseSetup.SqliteConnectionString(new DailyPapers.Data.DataDirectory(DataDirectory));
        return new TestDatabase(Lane, dataDirectory, connectionString, null, null);
    }

    /// <summary>Configuration keys that point the app at this database.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["data"] = DataDirectory,
        [$"{DatabaseOptions.Section}:Provider"] = Lane == Lane.Postgres ? "Postgres" : "Sqlite",
        [$"{DatabaseOptions.Section}:ConnectionString"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background thread; the temp folder is cleaned by the OS later.
        }
    }
}
