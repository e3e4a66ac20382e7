using DailyPapers.Cli;
using DailyPapers.Jobs;
using DailyPapers.Mail;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Cli;

/// <summary><c>dailypapers status</c>: the node's health facts, and exit codes a script can act on.</summary>
public sealed class StatusCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2024, 3, 1);

    [Theory]
    [MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NextToARunningSiteWithCurrentIndexesItPrintsTheFactsAndExitsZero(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2401.00001", "Graph Networks").On(Day));
        await app.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(Ct);
        // The status command runs as its own process, on the system clock.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage { Key = "status-test", Kind = OutboxKinds.Confirm, Recipient = "reader@example.org", Subject = "s", Html = "h", Text = "t", CreatedAt = now.AddMinutes(-3), NextAttemptAt = now });
            db.JobLeases.Add(new JobLease { Name = "digest-compose", Owner = "node-a:42:abcd", LeaseUntil = now.AddMinutes(4) });
            await db.SaveChangesAsync(Ct);
        });

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(app.Database, "status");

        Assert.True(exitCode == StatusCommand.Healthy, stdout + stderr);
        Assert.Contains($"database: ok ({(lane == Lane.Postgres ? "Postgres" : "Sqlite")}), latest change", stdout, StringComparison.Ordinal);
        Assert.Contains("keyword index: current at change", stdout, StringComparison.Ordinal);
        Assert.Contains("embedding backlog: 1 papers", stdout, StringComparison.Ordinal);
        Assert.Matches("outbox: 1 unsent, oldest waiting 1[0-9]{2} s", stdout);
        Assert.Contains("lease digest-compose: held by node-a:42:abcd until", stdout, StringComparison.Ordinal);
        Assert.EndsWith("status: healthy", stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADataDirectoryWithoutIndexesExitsThree()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        await using var elsewhere = app.Database.AnotherNode();

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(elsewhere, "status");

        Assert.True(exitCode == StatusCommand.IndexesNotBuilt, stdout + stderr);
        Assert.Contains("keyword index: not built in", stdout, StringComparison.Ordinal);
        Assert.Contains("status: unhealthy, search: the search indexes are not built yet", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseExitsOneAndSaysSo()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);

        var (exitCode, stdout, stderr) = await CliProcess.RunWithAsync(app.Database, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            // Port 9 (discard) refuses at once on the loopback interface.
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=9;Username=nobody;Database=none;Timeout=3",
        }, "status");

        Assert.True(exitCode == StatusCommand.DatabaseUnreachable, stdout + stderr);
        Assert.Contains("database: UNREACHABLE (Postgres)", stdout, StringComparison.Ordinal);
        Assert.Contains("status: unhealthy, database:", stdout, StringComparison.Ordinal);
    }
}
