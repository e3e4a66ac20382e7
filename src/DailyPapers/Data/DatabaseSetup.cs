using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace DailyPapers.Data;

public static class DatabaseSetup
{
    /// <summary>Registers the data directory, the provider-specific DbContext and its options.</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var dataDirectory = DataDirectory.From(builder.Configuration);
        builder.Services.AddSingleton(dataDirectory);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddHostedService<DatabaseMigrator>();
        // Every once-across-the-cluster job goes through this one lease holder (docs/architecture.md, "Job runner").
        builder.Services.AddSingleton<Jobs.ClusterJobs>();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        if (options.UsesPostgres)
        {
            var connectionString = options.ConnectionString
                ?? throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                    ["Database:ConnectionString is required when Database:Provider is Postgres."]);
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(db => db.UseNpgsql(connectionString));
        }
        else
        {
            var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? SqliteConnectionString(dataDirectory)
                : options.ConnectionString;
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(db => db
                .UseSqlite(connectionString)
                .AddInterceptors(SqlitePragmas.Instance));
            builder.Services.AddSingleton(services => new SqliteWalCheckpointer(connectionString, services.GetRequiredService<ILogger<SqliteWalCheckpointer>>()));
        }
        return builder;
    }

    public static string SqliteConnectionString(DataDirectory dataDirectory) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = dataDirectory.File("dailypapers.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    /// <summary>
    /// Page size of new SQLite databases. Larger pages mean fewer B-tree pages to split, look up and
    /// write to the WAL; whole arXiv-corpus imports (checkpoints every 512 MB of WAL) used 22 s of
    /// CPU with 4 KB pages and 20.4 s with 32 KB, and ran at 9,700-10,000 against 9,900-10,700
    /// papers/s (docs/benchmarks.md, "Catalog import"). Reads go through the page cache either way
    /// (see SqlitePragmas). SQLite fixes the size when the first table is created, so existing
    /// databases keep theirs.
    /// </summary>
    public const int SqlitePageSize = 32768;

    /// <summary>
    /// Applies pending migrations and makes the first Data Protection key (one node at a time on
    /// PostgreSQL), and turns on WAL for SQLite, which persists in the file.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite())
        {
            await SetPageSizeOfNewDatabaseAsync(db, cancellationToken);
        }
        // On PostgreSQL one node at a time; SQLite has one node, and its own file lock for writers.
        await using (var migrationLock = db.Database.IsNpgsql()
            ? await PostgresMigrationLock.TakeAsync(db.Database.GetConnectionString()!, cancellationToken)
            : null)
        {
            await db.Database.MigrateAsync(cancellationToken);
            Web.SharedKeyRing.EnsureActiveKey(scope.ServiceProvider);
        }
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static async Task SetPageSizeOfNewDatabaseAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA page_count";
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                command.CommandText = $"PRAGMA page_size = {SqlitePageSize}; VACUUM;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// WAL with synchronous=NORMAL is durable against application crashes and only risks the last
    /// transactions on power loss, which is the usual trade for a site's write throughput.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
