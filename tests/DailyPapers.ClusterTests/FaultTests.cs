using DailyPapers.ClusterTests.Infrastructure;

namespace DailyPapers.ClusterTests;

/// <summary>
/// Breaking the cluster while readers use it through nginx: a node killed with SIGKILL, and
/// PostgreSQL restarted under both nodes. Each test leaves the cluster whole again.
/// </summary>
public sealed class FaultTests(Cluster cluster, ITestOutputHelper output)
{
    private const int Readers = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IReadOnlyList<string> Paths =>
    [
        "/",
        "/papers/" + cluster.Catalog[10].Id,
        "/api/papers/search?q=attention+{n}",
        "/api/daily_papers?limit=5",
        "/papers/" + cluster.Catalog[11].Id,
        "/search?q=diffusion+{n}",
    ];

    [Fact]
    public async Task KillingANodeUnderLoadCostsAtMostTheRequestsInFlightOnItAndItCatchesUpWhenRestarted()
    {
        cluster.Require();
        await using var load = Load.Start(cluster.Proxy, Paths, Readers);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await cluster.ScriptAsync("kill", "node2");
        var killedAt = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(8), Ct);
        var answers = await load.StopAsync();

        var failed = answers.Where(a => a.Status is 0 or >= 500).ToList();
        var afterKill = answers.Count(a => a.At > killedAt);
        Measured.Write(output, $"{answers.Count} answers, {afterKill} after the kill, {failed.Count} failed: {string.Join(", ", failed.Select(f => $"{f.Status} at {f.At.TotalSeconds:F1} s"))}");
        Assert.True(afterKill > 20, $"nginx kept serving from node1: {afterKill} answers after the kill");
        Assert.True(failed.Count <= Readers, $"at most the {Readers} requests in flight may fail, {failed.Count} did");
        Assert.All(answers.Where(a => a.At > killedAt + TimeSpan.FromSeconds(1)), a => Assert.Equal(200, a.Status));

        // Written while node2 is down; node2 indexes it from its watermark when it comes back.
        var word = CatalogRecord.UniqueWord("missed");
        var paper = CatalogRecord.New(word, CatalogRecord.Today);
        await SiteSearch.ImportAsync(cluster, paper);
        await cluster.ScriptAsync("start", "node2");
        var lag = await Eventually.WithinAsync(Freshness.Search, async () => (await SiteSearch.IdsAsync(cluster.Node2, word)).Contains(paper.Id), "the paper imported while node2 was down, in node2's search");
        Measured.Write(output, $"restarted node2 found the paper {lag.TotalSeconds:F1} s after it answered again");
    }

    [Fact]
    public async Task APostgresRestartWhileServingGivesNoServerErrorsAndTheNodesRecoverByThemselves()
    {
        cluster.Require();
        await using var load = Load.Start(cluster.Proxy, Paths, Readers);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var restartAt = load.Elapsed;
        await cluster.ScriptAsync("restart-db");
        var backAt = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        var answers = await load.StopAsync();

        var byStatus = answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        Measured.Write(output, $"database down from {restartAt.TotalSeconds:F1} s to {backAt.TotalSeconds:F1} s; answers {string.Join(", ", byStatus)}");
        // Recovered without anyone's help: every answer 5 s after the restart is a 200, and each
        // node answers a query no cache holds, so its database connections work again.
        Assert.All(answers.Where(a => a.At > backAt + TimeSpan.FromSeconds(5)), a => Assert.Equal(200, a.Status));
        foreach (var node in new[] { cluster.Node1, cluster.Node2 })
        {
            Assert.NotNull(await SiteSearch.IdsAsync(node, CatalogRecord.UniqueWord("after")));
        }
        // During the outage a node says 503 (try again later, with Retry-After); a 500 or a dropped request is a failure.
        Assert.All(answers, a => Assert.True(a.Status is 200 or 503, $"{a.Status} at {a.At.TotalSeconds:F1} s"));
    }
}
