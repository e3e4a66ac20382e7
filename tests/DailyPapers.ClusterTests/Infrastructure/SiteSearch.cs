using System.Text.Json;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>The search API as a client reads it.</summary>
public static class SiteSearch
{
    /// <summary>The arXiv ids <paramref name="node"/> answers for <paramref name="query"/>; a new client each time, so nothing is shared but the node.</summary>
    public static async Task<List<string>> IdsAsync(Uri node, string query)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync("/api/papers/search?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. json.RootElement.EnumerateArray().Select(hit => hit.GetProperty("paper").GetProperty("id").GetString()!)];
    }

    /// <summary>Imports <paramref name="papers"/> through the CLI (<c>dailypapers import FILE</c> with the cluster's database settings).</summary>
    public static async Task ImportAsync(Cluster cluster, params CatalogRecord[] papers)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dailypapers-cluster-import-{Guid.NewGuid():N}.jsonl");
        try
        {
            await CatalogRecord.WriteAsync(file, papers);
            await cluster.CliAsync("import", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
