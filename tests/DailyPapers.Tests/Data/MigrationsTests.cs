using DailyPapers.Data;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Data;

public sealed class MigrationsTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task BothMigrationSetsApplyAndMatchTheModel(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        await app.WithDbAsync(async db =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for " + lane);
            Assert.Equal(lane == Lane.Postgres, db is PostgresAppDbContext);
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HealthEndpointAnswersOnceTheSiteServes(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var response = await app.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ANewSqliteDatabaseGetsLargePagesAndWal()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);

        await app.WithDbAsync(async db =>
        {
            Assert.Equal<object>((long)DatabaseSetup.SqlitePageSize, await PragmaAsync(db, "page_size"));
            Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        });
    }

    [Fact]
    public async Task AnExistingSqliteDatabaseKeepsItsPageSizeAndItsRows()
    {
        var directory = Directory.CreateTempSubdirectory("dailypapers-pages-");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.FullName, "old.db"), Pooling = false }.ToString();
            await using (var old = new SqliteConnection(connectionString))
            {
                await old.OpenAsync(TestContext.Current.CancellationToken);
                await using var create = old.CreateCommand();
                create.CommandText = "PRAGMA page_size = 4096; CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('from before');";
                await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            await using var services = new ServiceCollection()
                .AddDbContext<AppDbContext, SqliteAppDbContext>(db => db.UseSqlite(connectionString))
                .BuildServiceProvider();

            await services.MigrateDatabaseAsync(TestContext.Current.CancellationToken);

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal<object>(4096L, await PragmaAsync(db, "page_size"));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.Equal(["from before"], await db.Database.SqlQueryRaw<string>("SELECT note AS Value FROM kept").ToListAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<object> PragmaAsync(AppDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
