using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchFeedTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASearchFeedIsValidAtomWithTheNewestMatchesFirst(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var document = await AtomDocument.ReadValidAsync(await client.GetAsync("/papers/search.atom?q=networks&cat=cs", TestContext.Current.CancellationToken));
        var byVotes = await AtomDocument.ReadValidAsync(await client.GetAsync("/papers/search.atom?q=networks&sort=upvotes", TestContext.Current.CancellationToken));

        var feed = document.Root!;
        Assert.Equal("DailyPapers: search for \u201cnetworks\u201d", feed.Text("title"));
        Assert.EndsWith("/papers/search.atom?q=networks&cat=cs", feed.Link("self"), StringComparison.Ordinal);
        Assert.EndsWith("/search?q=networks&cat=cs", feed.Link("alternate"), StringComparison.Ordinal);
        // cs.RO (Jan 3), cs.CR (Jan 6) and cs.LG (Jan 2) match; newest first.
        var entries = document.Entries();
        Assert.Equal(
            [SearchSurfaceCatalog.HostileTitle, "Networked Control of Legged Robots", "Graph Neural Networks for Molecules"],
            entries.Select(e => e.Text("title")));
        Assert.Equal("2024-01-06T00:00:00Z", entries[0].Text("published"));
        Assert.EndsWith("/papers/2401.00005", entries[0].Link("alternate"), StringComparison.Ordinal);
        Assert.Equal("Mallory Evil", entries[0].Element(AtomDocument.Atom + "author")!.Text("name"));
        Assert.Equal("Graph Neural Networks for Molecules", byVotes.Entries()[0].Text("title"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AFeedForABadSearchAnswersA400Problem(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        var client = app.App.CreateClient();

        foreach (var (url, parameter) in new[] { ("/papers/search.atom", "q"), ("/papers/search.atom?q=x&to=2024-1-1", "to"), ("/papers/search.atom?q=x&sort=hot", "sort") })
        {
            var problem = await (await client.GetAsync(url, TestContext.Current.CancellationToken)).AssertProblemAsync(400);
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }
}
