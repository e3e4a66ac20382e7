using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SimilarPapersTests
{
    private static readonly DailyPapers.Ingest.PaperRecord[] Catalog =
    [
        .. SearchSurfaceCatalog.Papers,
        SearchApp.Paper("2401.00007", "Neural Message Passing for Quantum Chemistry",
            "Graph networks learn molecular properties from atoms and bonds, predicting quantum chemistry.", "cs.LG", 70, "Justin Gilmer"),
        SearchApp.Paper("2401.00008", "Fault-Tolerant Quantum Computation with Surface Codes",
            "Error correction with surface codes lets logical qubits outlive the decoherence of physical qubits.", "quant-ph", 12, "Austin Fowler"),
    ];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APaperPageListsTheNearestPapersByMeaningNeverItself(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(Catalog);
        await app.EmbedAsync();
        await app.CatchUpAsync();
        var client = app.App.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/papers/2401.00006");
        var (api, similar) = await client.GetJsonAsync("/api/papers/2401.00006/similar?limit=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = page.QuerySelector("section[aria-labelledby=similar-heading]")!;
        Assert.Equal("Similar papers", section.QuerySelector("h2")!.Text());
        var links = section.QuerySelectorAll(".similar-title").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(7, links.Count);
        Assert.Equal("/papers/2401.00008", links[0]);
        Assert.DoesNotContain("/papers/2401.00006", links);
        Assert.Null(section.QuerySelector(".similar-note"));
        Assert.Contains("Austin Fowler", section.QuerySelector("li")!.Text(), StringComparison.Ordinal);

        Assert.Equal(200, (int)api.StatusCode);
        Assert.Equal("embedding", api.Headers.GetValues("X-Similar-Source").Single());
        Assert.Equal(3, similar.GetArrayLength());
        Assert.Equal("2401.00008", similar[0].GetProperty("id").GetString());
        Assert.Equal("Fault-Tolerant Quantum Computation with Surface Codes", similar[0].GetProperty("title").GetString());
        Assert.DoesNotContain("2401.00006", similar.Ids(p => p.GetProperty("id").GetString()!));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APaperWithoutAnEmbeddingGetsPapersSharingItsWordsAndSaysSo(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(Catalog);
        await app.CatchUpAsync();
        var client = app.App.CreateClient();

        var (_, page) = await HtmlPage.GetAsync(client, "/papers/2401.00001");
        var (api, similar) = await client.GetJsonAsync("/api/papers/2401.00001/similar");

        Assert.Equal("keywords", api.Headers.GetValues("X-Similar-Source").Single());
        var ids = similar.Ids(p => p.GetProperty("id").GetString()!);
        Assert.Equal("2401.00007", ids[0]);
        Assert.DoesNotContain("2401.00001", ids);
        Assert.Equal("/papers/2401.00007", page.QuerySelector(".similar-title")!.GetAttribute("href"));
        Assert.Contains("most telling words", page.QuerySelector(".similar-note")!.Text(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task UnknownMalformedOrOverLimitRequestsAnswer404Or400(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(SearchApp.Paper("2401.00001", "Only paper", "Alone in the catalog."));
        await app.CatchUpAsync();
        var client = app.App.CreateClient();

        await (await client.GetAsync("/api/papers/2499.99999/similar", TestContext.Current.CancellationToken)).AssertProblemAsync(404);
        await (await client.GetAsync("/api/papers/hep-th/9901001/similar", TestContext.Current.CancellationToken)).AssertProblemAsync(404);
        await (await client.GetAsync("/api/papers/not-an-id/similar", TestContext.Current.CancellationToken)).AssertProblemAsync(400);
        await (await client.GetAsync("/api/papers/2401.00001/similar?limit=51", TestContext.Current.CancellationToken)).AssertProblemAsync(400);
        var (alone, none) = await client.GetJsonAsync("/api/papers/2401.00001/similar");
        var (_, page) = await HtmlPage.GetAsync(client, "/papers/2401.00001");

        Assert.Equal(0, none.GetArrayLength());
        Assert.Equal("none", alone.Headers.GetValues("X-Similar-Source").Single());
        Assert.Contains("No similar papers found yet", page.QuerySelector("section[aria-labelledby=similar-heading]")!.Text(), StringComparison.Ordinal);
    }
}
