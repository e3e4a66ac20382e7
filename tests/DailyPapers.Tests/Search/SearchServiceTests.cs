using DailyPapers.Ingest;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchServiceTests
{
    private static readonly PaperRecord[] Catalog =
    [
        SearchApp.Paper("2401.00001", "Attention Is All You Need",
            "We propose the Transformer, a network architecture based solely on attention mechanisms, for machine translation.", "cs.CL", 90, "Ashish Vaswani", "Noam Shazeer"),
        SearchApp.Paper("2401.00002", "Protein Structure Prediction with Deep Networks",
            "Predicting the three-dimensional fold of amino acid chains from sequence alone with a deep residual network.", "q-bio.BM", 40, "Demis Hassabis"),
        SearchApp.Paper("2401.00003", "Quadruped Control Policies from Simulation",
            "Policies trained with reinforcement learning in simulation transfer to a four-footed robot crossing rough terrain.", "cs.RO", 10, "Marco Hutter"),
        SearchApp.Paper("2401.00004", "Message Passing on Molecular Graphs",
            "Graph neural networks predict quantum chemical properties of small organic molecules.", "cs.LG", 25, "Justin Gilmer"),
        SearchApp.Paper("2401.00005", "Dense Passage Retrieval for Open-Domain Question Answering",
            "Dual encoders embed questions and passages so that answers are found by nearest-neighbour search.", "cs.CL cs.IR", 60, "Vladimir Karpukhin"),
        SearchApp.Paper("2401.00006", "Surface Codes for Quantum Error Correction",
            "Topological codes protect logical qubits against decoherence with local stabilizer measurements.", "quant-ph", 5, "Austin Fowler"),
    ];

    private static async Task<SearchApp> IndexedCatalogAsync(Lane lane, int? embedOnly = null)
    {
        var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(Catalog);
        await app.EmbedAsync(embedOnly);
        await app.CatchUpAsync();
        return app;
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task MeaningFindsAPaperThatSharesNoWordWithTheQuery(Lane lane)
    {
        await using var app = await IndexedCatalogAsync(lane);

        var keyword = await app.SearchAsync("walking gait for legged bots", SearchMode.Keyword);
        var hybrid = await app.SearchAsync("walking gait for legged bots");

        Assert.Empty(keyword.Hits);
        Assert.Equal(("hybrid", null), (hybrid.Mode, hybrid.Reason));
        Assert.Equal("2401.00003", SearchApp.Ids(hybrid)[0]);
        Assert.NotNull(hybrid.Hits[0].DenseRank);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnArxivIdInAnySpellingOrAnExactTitlePutsThatPaperFirst(Lane lane)
    {
        await using var app = await IndexedCatalogAsync(lane);

        foreach (var query in new[] { "2401.00006", "2401.00006v3", "arXiv:2401.00006", "  surface CODES for   quantum error correction " })
        {
            var result = await app.SearchAsync(query);

            Assert.Equal("2401.00006", SearchApp.Ids(result)[0]);
            Assert.True(result.Hits[0].Exact, query);
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TitleWordsOutrankTheSameWordsInAnAbstractAndAuthorsAreSearchable(Lane lane)
    {
        await using var app = await IndexedCatalogAsync(lane);

        var quantum = await app.SearchAsync("quantum", SearchMode.Keyword);
        var author = await app.SearchAsync("Karpukhin", SearchMode.Keyword);

        // 00006 has "quantum" in its title, 00004 only in its abstract.
        Assert.Equal(["2401.00006", "2401.00004"], SearchApp.Ids(quantum));
        Assert.Equal(["2401.00005"], SearchApp.Ids(author));
        Assert.Equal(("keyword", null), (quantum.Mode, quantum.Reason));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PapersWithoutAnEmbeddingAreStillFoundByKeywords(Lane lane)
    {
        // Only the first two papers (by id) get embeddings.
        await using var app = await IndexedCatalogAsync(lane, embedOnly: 2);

        var result = await app.SearchAsync("surface codes qubits");

        // The dense lane only knows the two embedded papers; the keyword lane's first hit is still there.
        Assert.Equal("hybrid", result.Mode);
        var surface = Assert.Single(result.Hits, h => h.Paper.ArxivId == "2401.00006");
        Assert.Equal((1, null), (surface.KeywordRank, surface.DenseRank));
        Assert.All(result.Hits.Where(h => h.DenseRank is not null), h => Assert.Contains(h.Paper.ArxivId, new[] { "2401.00001", "2401.00002" }));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task WithoutAnyEmbeddingsTheAnswerComesFromKeywordsAndSaysSo(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(Catalog);
        await app.CatchUpAsync();

        var result = await app.SearchAsync("protein fold");

        Assert.Equal("keyword", result.Mode);
        Assert.Contains("No paper has an embedding", result.Reason, StringComparison.Ordinal);
        Assert.Equal(["2401.00002"], SearchApp.Ids(result));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AQueryEmbeddingLaterThanItsBudgetFallsBackToKeywordsAndSaysSo(Lane lane)
    {
        await using var app = await IndexedCatalogAsync(lane);

        // A zero budget cannot be met: the model always runs on another thread.
        var result = await app.SearchAsync(new SearchRequest("protein fold") { EmbeddingBudget = TimeSpan.Zero });

        Assert.Equal("keyword", result.Mode);
        Assert.Contains("not ready within 0 ms", result.Reason, StringComparison.Ordinal);
        Assert.Equal(["2401.00002"], SearchApp.Ids(result));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task FiltersSortsAndPagesApplyToTheFusedResults(Lane lane)
    {
        await using var app = await IndexedCatalogAsync(lane);
        await app.App.WithDbAsync(async db =>
        {
            // Put 00001 on the feed: the featured-only filter keeps just it.
            var paper = db.Papers.Single(p => p.ArxivId == "2401.00001");
            db.DailyEntries.Add(new DailyPapers.Feed.DailyEntry { PaperId = paper.Id, Day = new DateOnly(2024, 1, 3), SubmittedAt = new DateTime(2024, 1, 3, 6, 0, 0, DateTimeKind.Utc), Source = "test" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        // One word three papers have; the semantic lane may vouch for more. Filters and sorts act on exactly what relevance ranks.
        var query = "networks";
        var budget = TimeSpan.FromSeconds(60);

        var relevant = await app.SearchAsync(new SearchRequest(query) { EmbeddingBudget = budget });
        var clOnly = await app.SearchAsync(new SearchRequest(query) { Filters = new SearchFilters { Categories = ["cs.CL"] }, EmbeddingBudget = budget });
        var featured = await app.SearchAsync(new SearchRequest(query) { Filters = new SearchFilters { FeaturedOnly = true }, EmbeddingBudget = budget });
        var byVotes = await app.SearchAsync(new SearchRequest(query) { Sort = SearchSort.Upvotes, PageSize = 2, Page = 1, EmbeddingBudget = budget });

        var ids = SearchApp.Ids(relevant);
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { "2401.00001", "2401.00002", "2401.00004" });
        Assert.DoesNotContain("2401.00006", ids);
        Assert.Equal(ids.Intersect(["2401.00001", "2401.00005"]).Order(StringComparer.Ordinal), SearchApp.Ids(clOnly).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Length, relevant.Total);
        Assert.Equal(["2401.00001"], SearchApp.Ids(featured));
        Assert.Equal(relevant.Total, byVotes.Total);
        var votes = Catalog.ToDictionary(p => p.ArxivId, p => p.Upvotes);
        Assert.Equal(ids.OrderByDescending(id => votes[id]).Skip(2).Take(2), SearchApp.Ids(byVotes));
    }

    private static readonly string[] HostileQueries =
    [
        "title:(a OR b)^3 \"",
        "*",
        "?",
        "\"",
        "AND OR NOT",
        "a:b:c [1 TO 5] {x TO y} ~2 ^ \\ / + - && || ! ( )",
        "quantum*~0.5 /re.ex/",
        "'; DROP TABLE papers; --",
        "1 OR 1=1",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "Ünïcödé — 量子 误差 校正 🚀 مرحبا",
        "\u0000\u0001\u200b\ufeff",
        "arXiv:",
        "0000.00000v",
        "hep-th/",
        "   surface   ",
    ];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HostileQueriesGiveResultsNeverAnError(Lane lane)
    {
        await using var app = await IndexedCatalogAsync(lane, embedOnly: 2);

        foreach (var query in HostileQueries)
        {
            foreach (var mode in new[] { SearchMode.Keyword, SearchMode.Hybrid })
            {
                var result = await app.SearchAsync(query, mode);

                Assert.InRange(result.Total, 0, Catalog.Length);
            }
        }
        // Query syntax is plain words: the quote and brackets are ignored, "title" and "b" are searched for.
        Assert.Empty((await app.SearchAsync("title:(a OR b)^3 \"", SearchMode.Keyword)).Hits);
        Assert.Equal(["2401.00006"], SearchApp.Ids(await app.SearchAsync("surface:(codes)^3 \"", SearchMode.Keyword)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task AnEmptyQueryIsRejectedWithAMessage(string query)
    {
        await using var app = await SearchApp.CreateAsync(Lane.Sqlite);

        var request = new SearchRequest(query);

        Assert.Equal("The search query is empty.", request.Validate());
        await Assert.ThrowsAsync<SearchQueryException>(() => app.SearchAsync(request));
    }

    [Fact]
    public async Task AQueryOverTwoHundredFiftyCharactersIsRejectedWithAMessage()
    {
        await using var app = await SearchApp.CreateAsync(Lane.Sqlite);

        Assert.Null(new SearchRequest(new string('a', 250)).Validate());
        // The query is measured as it runs, through the text door (the trailing space trimmed).
        var tenKilobytes = new SearchRequest(string.Concat(Enumerable.Repeat("title:(a OR b)^3 ", 600)));

        Assert.Contains("at most 250", tenKilobytes.Validate(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<SearchQueryException>(() => app.SearchAsync(tenKilobytes));
        Assert.Contains("10199 characters", error.Message, StringComparison.Ordinal);
    }
}
