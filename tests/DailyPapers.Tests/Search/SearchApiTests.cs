using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchApiTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task SearchAnswersHuggingFacesArrayWithTheTotalModeAndPagingInHeaders(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane);
        var client = app.App.CreateClient();

        // Four papers say "network" in some form; nothing else in the catalog is close enough to count.
        var (response, body) = await client.GetJsonAsync("/api/papers/search?q=networks&limit=2");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(4, response.TotalCount());
        Assert.False(response.Headers.Contains("X-Total-Count-Is-Lower-Bound"));
        Assert.Equal("hybrid", response.Headers.GetValues("X-Search-Mode").Single());
        Assert.False(response.Headers.Contains("X-Search-Reason"));
        Assert.Equal(2, body.GetArrayLength());
        var first = body[0];
        Assert.Equal(
            ["isAuthorParticipating", "numComments", "paper", "publishedAt", "submittedBy", "summary", "thumbnail", "title"],
            first.PropertyNames());
        var paper = first.GetProperty("paper");
        Assert.Equal("2401.00001", paper.GetProperty("id").GetString());
        Assert.Equal("Graph Neural Networks for Molecules", first.GetProperty("title").GetString());
        Assert.Equal(paper.GetProperty("summary").GetString(), first.GetProperty("summary").GetString());
        Assert.Equal("2024-01-02T00:00:00Z", first.GetProperty("publishedAt").GetString());
        Assert.Equal(["Justin Gilmer", "Oriol Vinyals"], paper.GetProperty("authors").Ids(a => a.GetProperty("name").GetString()!));
        Assert.Equal(["2024-03-01"], paper.GetProperty("daysFeatured").Ids(d => d.GetString()!));
        Assert.Equal(30, paper.GetProperty("upvotes").GetInt32());
        Assert.EndsWith("/papers/2401.00001", paper.GetProperty("links").GetProperty("page").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/api/papers/search?q=networks&limit=2&p=1", response.Links()["next"], StringComparison.Ordinal);
        Assert.False(response.Links().ContainsKey("prev"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PagesLimitsFiltersAndSortsWorkAsOnThePage(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var (page1, votes) = await client.GetJsonAsync("/api/papers/search?q=networks&sort=upvotes&limit=3&p=1");
        var (_, filtered) = await client.GetJsonAsync("/api/papers/search?q=networks&cat=cs.LG,q-bio&from=2024-01-01&to=2024-01-05");
        var (_, featured) = await client.GetJsonAsync("/api/papers/search?q=networks&featured=1");
        var (beyond, past) = await client.GetJsonAsync("/api/papers/search?q=networks&p=5");
        var (all, everything) = await client.GetJsonAsync("/api/papers/search?q=networks");

        Assert.Equal(["2401.00005"], votes.Ids(i => i.GetProperty("paper").GetProperty("id").GetString()!));
        Assert.Equal(4, page1.TotalCount());
        Assert.EndsWith("p=0", page1.Links()["prev"], StringComparison.Ordinal);
        Assert.False(page1.Links().ContainsKey("next"));
        Assert.Equal(["2401.00001", "2401.00004"], filtered.Ids(i => i.GetProperty("paper").GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(["2401.00001"], featured.Ids(i => i.GetProperty("paper").GetProperty("id").GetString()!));
        Assert.Equal(0, past.GetArrayLength());
        Assert.Equal(4, beyond.TotalCount());
        // Without any embeddings the answer comes from keywords, and the headers say so.
        Assert.Equal(4, everything.GetArrayLength());
        Assert.Equal("keyword", all.Headers.GetValues("X-Search-Mode").Single());
        Assert.Contains("No paper has an embedding", all.Headers.GetValues("X-Search-Reason").Single(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task BadSearchParametersAnswer400ProblemsNamingTheParameter(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        var client = app.App.CreateClient();
        var cases = new (string Query, string Parameter, string Expected)[]
        {
            ("", "q", "empty"),
            ("?q=", "q", "empty"),
            ("?q=" + new string('x', 251), "q", "at most 250"),
            ("?q=x&limit=0", "limit", "from 1 to 120"),
            ("?q=x&limit=121", "limit", "from 1 to 120"),
            ("?q=x&limit=ten", "limit", "from 1 to 120"),
            ("?q=x&p=-1", "p", "0 is the first page"),
            ("?q=x&from=2024-13-01", "from", "YYYY-MM-DD"),
            ("?q=x&sort=trending", "sort", "relevance, newest or upvotes"),
            ("?q=x&cat=../etc", "cat", "arXiv category"),
            ("?q=x&featured=yes", "featured", "expected 1"),
        };
        foreach (var (query, parameter, expected) in cases)
        {
            var response = await client.GetAsync("/api/papers/search" + query, TestContext.Current.CancellationToken);

            var problem = await response.AssertProblemAsync(400);
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
            Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSearchPathIsNotTakenForAPaperId(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var (search, found) = await client.GetJsonAsync("/api/papers/search?q=qubits");
        var (paper, single) = await client.GetJsonAsync("/api/papers/2401.00006");

        Assert.Equal(200, (int)search.StatusCode);
        Assert.Equal(["2401.00006"], found.Ids(i => i.GetProperty("paper").GetProperty("id").GetString()!));
        Assert.Equal(200, (int)paper.StatusCode);
        Assert.Equal("2401.00006", single.GetProperty("id").GetString());
    }
}
