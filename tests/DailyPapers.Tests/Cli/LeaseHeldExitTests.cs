using DailyPapers.Cli;
using DailyPapers.Jobs;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;

namespace DailyPapers.Tests.Cli;

/// <summary>A CLI harvest or embed beside a site doing the same work: nothing done, exit 75, the holder named.</summary>
public sealed class LeaseHeldExitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(JobNames.HarvestHf, "harvest hf --date 2025-06-23", "harvest: site-node is running this harvest; nothing done, try again later.")]
    [InlineData(JobNames.HarvestArxiv, "harvest arxiv --from 2024-03-01", "harvest: site-node is running this harvest; nothing done, try again later.")]
    [InlineData(JobNames.Embed, "embed", "embed: site-node is embedding (the site does with Search:EmbedInBackground); nothing done, try again later.")]
    public async Task AVerbWhoseLeaseAnotherNodeHoldsDoesNothingAndSaysWho(string lease, string commandLine, string message)
    {
        await using var replay = await ReplayServer.StartAsync();
        await using var site = await AppFactory.CreateAsync(Lane.Sqlite);
        // The site's clock is the system's, as the CLI's is.
        await site.WithDbAsync(db => JobLeases.TryAcquireAsync(db, lease, "site-node", TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(5), Ct));
        var settings = new Dictionary<string, string?> { ["Harvest:OaiBaseUrl"] = replay.Url("oai2"), ["Harvest:HfBaseUrl"] = replay.Url("") };

        using var cli = CliProcess.Start(site.Database, settings, commandLine.Split(' '));
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(CliCommands.LeaseHeld, exitCode);
        Assert.Equal(message, stderr.Trim());
        Assert.Empty(replay.Requests);
    }
}
