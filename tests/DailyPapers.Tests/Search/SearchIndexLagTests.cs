using System.Net;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>
/// Between an import and the index job's next round the catalog holds papers the search index has
/// not seen. Searches say how many, on every surface, and such answers are not cached.
/// </summary>
[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchIndexLagTests
{
    private static async Task<SearchApp> CatalogWithOneUnindexedPaperAsync(Lane lane)
    {
        // Embedded and with time to embed each query, so answers are hybrid: a keyword-only fallback is never cached anyway.
        var app = await SearchApp.CreateAsync(lane, new() { ["Search:QueryEmbeddingBudget"] = "00:01:00" }, indexJob: false);
        await app.WriteAsync(
            SearchApp.Paper("2403.00001", "Sparse Mixture of Experts Language Models", "Routing tokens to a few expert networks."),
            SearchApp.Paper("2403.00002", "Expert Routing at Scale", "Load balancing losses for mixture of experts training."));
        await app.EmbedAsync();
        await app.CatchUpAsync();
        await app.WriteAsync(SearchApp.Paper("2403.00003", "Mixture of Experts for Speech", "Expert layers in speech recognition models."));
        return app;
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASearchCountsThePapersTheIndexHasNotCaughtUpWithUntilItDoes(Lane lane)
    {
        await using var app = await CatalogWithOneUnindexedPaperAsync(lane);

        var behind = await app.SearchAsync("mixture of experts", SearchMode.Keyword);
        await app.CatchUpAsync();
        var current = await app.SearchAsync("mixture of experts", SearchMode.Keyword);

        Assert.Equal(1, behind.PapersNotYetIndexed);
        Assert.DoesNotContain("2403.00003", SearchApp.Ids(behind));
        Assert.Equal(0, current.PapersNotYetIndexed);
        Assert.Contains("2403.00003", SearchApp.Ids(current));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnIndexNeverBuiltCountsTheWholeCatalog(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane, indexJob: false);
        await app.WriteAsync(
            SearchApp.Paper("2403.00004", "Speculative Decoding", "Draft models propose tokens that a larger model verifies."),
            SearchApp.Paper("2403.00005", "Medusa Heads", "Several decoding heads propose tokens at once."));

        var result = await app.SearchAsync("decoding", SearchMode.Keyword);

        Assert.Empty(result.Hits);
        Assert.Equal(2, result.PapersNotYetIndexed);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheApiSaysSoInAHeaderAndTheAnswerIsNotCached(Lane lane)
    {
        await using var app = await CatalogWithOneUnindexedPaperAsync(lane);
        var client = app.App.CreateClient();
        const string Url = "/api/papers/search?q=mixture+of+experts";

        var (behind, behindBody) = await client.GetJsonAsync(Url);
        await app.CatchUpAsync();
        // The same URL within the cache's 10 seconds: a cached copy would still lack the new paper.
        var (current, currentBody) = await client.GetJsonAsync(Url);

        Assert.Equal("hybrid", behind.Headers.GetValues(SearchApi.ModeHeader).Single());
        Assert.Equal("1", behind.Headers.GetValues(SearchApi.NotYetIndexedHeader).Single());
        Assert.Equal(2, behindBody.GetArrayLength());
        Assert.False(current.Headers.Contains(SearchApi.NotYetIndexedHeader));
        Assert.Contains("2403.00003", currentBody.Ids(i => i.GetProperty("paper").GetProperty("id").GetString()!));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSearchPageShowsANote(Lane lane)
    {
        await using var app = await CatalogWithOneUnindexedPaperAsync(lane);
        var client = app.App.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/search?q=mixture+of+experts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The paper added after the indexes caught up has no embedding either, so both notes stand.
        Assert.Equal(
            ["1 recently added or updated paper is still being indexed and may be missing from these results.",
             "1 paper is still waiting for its embedding: semantic matching cannot find it yet, keyword matching can."],
            page.QuerySelectorAll(".search-note").Select(n => n.Text().Trim()));
        Assert.Equal(["Expert Routing at Scale", "Sparse Mixture of Experts Language Models"], page.CardTitles().Order(StringComparer.Ordinal));
    }
}
