namespace DailyPapers.Tests.Infrastructure;

/// <summary>The database a test runs against. Integration tests run on both.</summary>
public enum Lane
{
    Sqlite,
    Postgres,
}

public static class Lanes
{
    /// <summary>For <c>[Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]</c>.</summary>
    public static TheoryData<Lane> All => new(Lane.Sqlite, Lane.Postgres);

    /// <summary>
    /// Base PostgreSQL connection string (server, user) from <c>DAILYPAPERS_TEST_PG</c>; each test app
    /// gets its own fresh database on that server. Without it the PostgreSQL lane skips locally and
    /// fails under <c>CI=true</c>, so a green CI run cannot hide an unrun lane.
    /// </summary>
    public static string PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable("DAILYPAPERS_TEST_PG");
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }
        const string Message = "PostgreSQL lane: set DAILYPAPERS_TEST_PG (e.g. Host=127.0.0.1;Port=5432;Username=postgres) or run `make test`, which starts a server.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Message);
        }
        Assert.Skip(Message);
        return "";
    }
}
