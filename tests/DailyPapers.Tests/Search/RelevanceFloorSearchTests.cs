using System.Net;
using DailyPapers.Ingest;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>
/// The relevance floor through the front door: off-topic and nonsense queries answer nothing on the
/// page and the API, sorts order only the papers above the floor, and a total is the same every time.
/// </summary>
public sealed class RelevanceFloorSearchTests
{
    private static readonly string[] OffTopic =
    [
        "zzzxqv",
        "asdfghjkl qwertyuiop",
        "best lasagna recipe with ricotta",
        "taylor swift eras tour tickets",
        "how to unclog a kitchen sink",
    ];

    // Two papers about mixtures of experts, published before four that share one of its words or nothing.
    private static readonly PaperRecord[] MixtureCatalog =
    [
        SearchApp.Paper("2402.00001", "Sparse Mixture of Experts Language Models",
            "A mixture of experts layer routes each token to two of many expert feed-forward networks, so a large model costs little per token.", "cs.CL"),
        SearchApp.Paper("2402.00002", "Scaling Mixture-of-Experts Routing",
            "Expert choice routing balances the load of a mixture-of-experts transformer across its experts.", "cs.LG"),
        SearchApp.Paper("2402.00011", "SWE-bench Science: Expert-Written Tasks for Coding Agents",
            "Domain experts write software engineering tasks that coding agents must solve in scientific repositories.", "cs.SE"),
        SearchApp.Paper("2402.00012", "Retrosynthesis Planning with Reaction Templates",
            "Expert-curated reaction templates and a search over reactions plan the synthesis of a target molecule from purchasable building blocks.", "cs.LG"),
        SearchApp.Paper("2402.00013", "Soft Tissue Video Benchmark",
            "A benchmark of surgical videos with soft tissue deformation annotated by clinical experts.", "cs.CV"),
        SearchApp.Paper("2402.00014", "Surface Codes for Quantum Error Correction",
            "Topological codes protect logical qubits against decoherence with local stabilizer measurements.", "quant-ph"),
    ];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task OffTopicAndNonsenseQueriesAnswerNothingOnThePageAndTheApi(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane);
        var client = app.App.CreateClient();

        foreach (var query in OffTopic)
        {
            var escaped = Uri.EscapeDataString(query);
            var (api, body) = await client.GetJsonAsync("/api/papers/search?q=" + escaped);
            var (page, html) = await HtmlPage.GetAsync(client, "/search?q=" + escaped);

            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal((query, 0), (query, body.GetArrayLength()));
            Assert.Equal((query, 0L), (query, api.TotalCount()));
            Assert.Equal("hybrid", api.Headers.GetValues("X-Search-Mode").Single());
            Assert.False(api.Headers.Contains("X-Total-Count-Is-Lower-Bound"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Empty(html.CardTitles());
            Assert.StartsWith("No papers match", html.QuerySelector("#empty-heading")!.Text(), StringComparison.Ordinal);
            // The query stays in the box, with a hint of what to try instead.
            Assert.Equal(query, html.QuerySelector("#site-search")!.GetAttribute("value"));
            Assert.Contains("Try fewer or different words", html.QuerySelector(".empty")!.Text(), StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NonsenseAnswersNothingInEveryMode(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane);

        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            var result = await app.SearchAsync("zzzxqv", mode);
            Assert.Equal((mode, 0), (mode, result.Total));
            Assert.Empty(result.Hits);
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NewestFirstOrdersOnlyThePapersAboveTheFloor(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(MixtureCatalog);
        await app.EmbedAsync();
        await app.CatchUpAsync();
        var budget = TimeSpan.FromSeconds(60);

        var relevance = await app.SearchAsync(new SearchRequest("mixture of experts") { EmbeddingBudget = budget });
        var newest = await app.SearchAsync(new SearchRequest("mixture of experts") { Sort = SearchSort.Newest, EmbeddingBudget = budget });
        var client = app.App.CreateClient();
        var (_, page) = await HtmlPage.GetAsync(client, "/search?q=mixture+of+experts&sort=newest");

        // The two papers about the topic, newest first; a paper that shares one word with the query is not a result.
        Assert.Equal(["2402.00002", "2402.00001"], SearchApp.Ids(newest));
        Assert.Equal(SearchApp.Ids(relevance).Order(StringComparer.Ordinal), SearchApp.Ids(newest).Order(StringComparer.Ordinal));
        var best = newest.Hits.Max(h => h.DenseSimilarity) ?? 0;
        Assert.All(newest.Hits, hit => Assert.True(new SearchOptions().Floor.Passes(hit.Exact, hit.KeywordCoverage, hit.DenseSimilarity, best), hit.Paper.ArxivId));
        Assert.Equal("Scaling Mixture-of-Experts Routing", page.CardTitles()[0]);
        Assert.Equal(newest.Total, page.CardTitles().Count);
    }

    // One paper about the whole question; one that shares only one of its rarest words; one that shares
    // none; and three that share only its common words (which they make common).
    private static readonly PaperRecord[] CompilerCatalog =
    [
        SearchApp.Paper("2403.00001", "Loop Vectorization in an Optimizing Compiler",
            "The compiler's optimization pass turns loops into vector code for vector processors.", "cs.PL"),
        SearchApp.Paper("2403.00002", "Energy Use of Parallel Mobile Chips",
            "Parallel chips in phones spend most of their energy waiting for memory.", "cs.AR"),
        SearchApp.Paper("2403.00003", "Surface Codes for Quantum Error Correction",
            "Topological codes protect logical qubits against decoherence with local stabilizer measurements.", "quant-ph"),
        SearchApp.Paper("2403.00004", "Register Allocation in a Compiler",
            "Compiler optimization of register use with vector instructions.", "cs.PL"),
        SearchApp.Paper("2403.00005", "Inlining Heuristics",
            "An optimization that a compiler applies before vector code generation.", "cs.PL"),
        SearchApp.Paper("2403.00006", "Compiler Testing with Random Programs",
            "Random programs find optimization bugs in a compiler.", "cs.SE"),
    ];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ALongQuestionKeepsTheKeywordLanesFirstPapersAndAShortQueryDoesNot(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(CompilerCatalog);
        await app.CatchUpAsync();

        var question = await app.SearchAsync("parallel compiler optimization of loops for vector processors", SearchMode.Keyword);
        var shortQuery = await app.SearchAsync("vector processors", SearchMode.Keyword);

        // The paper about parallel chips has one of the question's three rarest words: half the
        // coverage of the two rarest, below the floor, but among the first ten of the keyword lane
        // for a question of six terms that the first paper answers. The papers with only its common
        // words cannot reach the floor, so the lane does not list them.
        Assert.Equal(["2403.00001", "2403.00002"], SearchApp.Ids(question));
        Assert.Equal(2, question.Total);
        Assert.Equal(["2403.00001"], SearchApp.Ids(shortQuery));
        Assert.Equal(1, shortQuery.Total);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSameQueryOverTheSameCatalogGivesTheSameTotalEveryTime(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane);

        var answers = new List<(int Total, bool LowerBound, string Ids)>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var result = await app.SearchAsync("neural networks for molecules");
            answers.Add((result.Total, result.TotalIsLowerBound, string.Join(' ', SearchApp.Ids(result))));
        }

        Assert.InRange(answers[0].Total, 1, SearchSurfaceCatalog.Papers.Length);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        // Six papers cannot fill a lane's quota: the total is exact.
        Assert.False(answers[0].LowerBound);
    }
}
