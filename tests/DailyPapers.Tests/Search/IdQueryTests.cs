using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>
/// A query that names a paper by its arXiv id, or by the arXiv or Hugging Face URL a reader copies,
/// asks for that paper: the page opens it, the API answers it alone, and an id the catalog lacks says
/// so instead of listing papers that share digits with it.
/// </summary>
[Collection(EmbeddingModelGroup.Name)]
public sealed class IdQueryTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnIdOrAPaperUrlInTheCatalogRedirectsToItsPageAndTheApiAnswersItAlone(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        using var client = app.App.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var query in new[]
        {
            "2401.00003", "arXiv:2401.00003v2", "https://arxiv.org/abs/2401.00003v1", "https://arxiv.org/pdf/2401.00003v1.pdf",
            "https://huggingface.co/papers/2401.00003?utm_source=x#community",
        })
        {
            foreach (var path in new[] { "/search?q=", "/papers?q=" })
            {
                var response = await client.GetAsync(path + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
                Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"{path}{query}: {response.StatusCode}");
                Assert.Equal("/papers/2401.00003", response.Headers.Location!.OriginalString);
            }
            var api = await client.GetAsync("/api/papers/search?q=" + Uri.EscapeDataString(query), TestContext.Current.CancellationToken);
            var hits = await api.JsonAsync();
            Assert.Equal(1, hits.GetArrayLength());
            Assert.Equal("2401.00003", hits[0].GetProperty("paper").GetProperty("id").GetString());
            Assert.Equal(1, api.TotalCount());
            Assert.Equal("id", api.Headers.GetValues("X-Search-Mode").Single());
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnIdTheCatalogLacksSaysSoAndFindsNothingElse(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/search?q=" + Uri.EscapeDataString("https://arxiv.org/abs/2401.99999"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("arXiv:2401.99999 is not in this catalog", page.QuerySelector("#empty-heading")!.Text());
        Assert.Equal("https://arxiv.org/abs/2401.99999", page.QuerySelector(".empty a")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll(".card"));

        var api = await client.GetAsync("/api/papers/search?q=2401.99999", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await api.JsonAsync()).GetArrayLength());
        Assert.Equal(0, api.TotalCount());
    }
}
