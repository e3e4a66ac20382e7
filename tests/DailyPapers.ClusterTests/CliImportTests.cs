using DailyPapers.ClusterTests.Infrastructure;

namespace DailyPapers.ClusterTests;

/// <summary>An operator's import runs in its own process; every node's search finds the papers on its next index round.</summary>
public sealed class CliImportTests(Cluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task APaperImportedThroughTheCliIsFoundBySearchOnBothNodes()
    {
        cluster.Require();
        var word = CatalogRecord.UniqueWord("imported");
        var paper = CatalogRecord.New(word, CatalogRecord.Today);

        await SiteSearch.ImportAsync(cluster, paper);

        var lags = new List<string>();
        foreach (var node in new[] { "node1", "node2" })
        {
            var lag = await Eventually.WithinAsync(Freshness.Search, async () => (await SiteSearch.IdsAsync(cluster.Node(node), word)).Contains(paper.Id), $"{paper.Id} in {node}'s search");
            lags.Add($"{node} {lag.TotalSeconds:F1} s");
        }
        Measured.Write(output, $"found after the import by: {string.Join(", ", lags)} (bound {Freshness.Search.TotalSeconds:F0} s)");
    }
}
