using System.Text.Json;
using DailyPapers.Papers;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;
using DailyPapers.Tests.Search;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// A catalog poisoned past the import doors (<see cref="PoisonedCatalog"/>): the index round,
/// embedding, every page, feed and API answer, and the <c>reindex</c> verb still work, and every
/// paper, hostile ones cleaned, is found.
/// </summary>
[Collection(EmbeddingModelGroup.Name)]
public sealed class PoisonedCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task IndexingEmbeddingEveryPageAndFeedAndReindexSurviveAPoisonedCatalog(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane, new() { ["Search:QueryEmbeddingBudget"] = "00:01:00" }, indexJob: false);
        await PoisonedCatalog.WriteAsync(app.App);
        var count = PoisonedCatalog.AllIds.Count();

        var round = await app.CatchUpAsync();
        Assert.Equal(count, round.KeywordDocuments);
        Assert.Equal(0, round.NotIndexed);
        Assert.Equal(count, await app.EmbedAsync());
        Assert.Equal(count, (await app.CatchUpAsync()).Vectors);

        foreach (var (id, _, query) in PoisonedCatalog.Normal)
        {
            await AssertFoundAsync(app, query, id);
        }
        foreach (var (id, word, _) in PoisonedCatalog.Hostile)
        {
            await AssertFoundAsync(app, word, id);
        }
        await AssertFoundAsync(app, "capybaras", PoisonedCatalog.HugeId);

        var client = app.App.CreateClient();
        foreach (var path in await AddressesAsync(app.App))
        {
            await AssertRendersAsync(client, path);
        }

        // The site holds the index folder; let the verb own it, as when the site is stopped.
        await app.Indexes.DisposeAsync();
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(app.App.Database, "reindex");
        Assert.True(exitCode == 0, $"reindex exited {exitCode}: {stderr}");
        Assert.Contains($"reindexed {count} papers and {count} embeddings", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("left out", stderr, StringComparison.Ordinal);
    }

    private static async Task AssertFoundAsync(SearchApp app, string query, string id)
    {
        Assert.True(SearchApp.Ids(await app.SearchAsync(query, SearchMode.Keyword)).Contains(id), $"keyword search '{query}' misses {id}");
        Assert.True(SearchApp.Ids(await app.SearchAsync(query)).Contains(id), $"hybrid search '{query}' misses {id}");
    }

    /// <summary>Every page, feed and API answer that shows these papers or their authors.</summary>
    private static async Task<List<string>> AddressesAsync(AppFactory app)
    {
        List<string> paths =
        [
            "/", "/papers", "/papers/date/2024-03-01", "/papers/week/2024-W09", "/papers/month/2024-03",
            "/papers/date/2024-03-01?sort=trending", "/papers/date/2024-03-01?sort=newest",
            "/papers.atom", "/papers/date/2024-03-01.atom",
            "/api/daily_papers", "/api/daily_papers?date=2024-03-01&sort=trending", "/api/daily_papers?week=2024-W09&sort=publishedAt",
            "/api/papers?limit=100",
        ];
        foreach (var query in new[] { "networks", "wombat", "capybaras", PoisonedCatalog.Markup, PoisonedCatalog.Lucene, PoisonedCatalog.RightToLeft })
        {
            var q = Uri.EscapeDataString(query);
            paths.AddRange([$"/search?q={q}", $"/search?q={q}&sort=newest", $"/api/papers/search?q={q}", $"/papers/search.atom?q={q}"]);
        }
        foreach (var id in PoisonedCatalog.AllIds)
        {
            paths.AddRange([PaperLinks.PagePath(id), "/api/papers/" + id, $"/api/papers/{id}/similar"]);
        }
        // A NUL in a path never reaches the app (Kestrel answers 400), so such an author has no page to visit.
        var names = await app.WithDbAsync(db => db.Authors.Select(a => a.Name).ToListAsync(Ct));
        paths.AddRange(names.Where(name => !name.Contains('\0', StringComparison.Ordinal)).Select(PaperLinks.AuthorPath));
        return paths;
    }

    private static async Task AssertRendersAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var shown = path.Length > 120 ? path[..120] + "…" : path;
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{shown}: {(int)response.StatusCode}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType == "application/atom+xml")
        {
            await AtomDocument.ReadValidAsync(response);
            return;
        }
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (mediaType == "application/json")
        {
            using var _ = JsonDocument.Parse(body);
            return;
        }
        Assert.Equal("text/html", mediaType);
        foreach (var marker in RequestValues.Markers)
        {
            Assert.False(body.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{shown}: '{marker}' in the page unescaped");
        }
        Assert.DoesNotContain("href=\"javascript:", body, StringComparison.OrdinalIgnoreCase);
    }
}
