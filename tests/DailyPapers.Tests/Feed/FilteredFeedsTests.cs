using System.Net;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DailyPapers.Tests.Infrastructure.AtomDocument;

namespace DailyPapers.Tests.Feed;

/// <summary>The Atom feeds take a digest's topic filters: cat/xcat (categories or archives), kw/xkw (whole words).</summary>
public sealed class FilteredFeedsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2026, 12, 3);

    private static async Task<AppFactory> CatalogAsync(Lane lane)
    {
        var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(
            new SeedPaper("2612.00301", "Diffusion Policy for Robots") { Categories = "cs.RO" }.On(Day, 6),
            new SeedPaper("2612.00302", "Diffusion Models for Images") { Categories = "cs.CV cs.LG" }.On(Day, 7),
            new SeedPaper("2612.00303", "A Survey of Diffusion") { Categories = "cs.LG" }.On(Day, 8),
            new SeedPaper("2612.00304", "Language Models Reason") { Categories = "cs.CL" }.On(Day, 9),
            new SeedPaper("2612.00305", "Proteins in Motion") { Categories = "q-bio.BM", Abstract = "Protein diffusion in cells." }.On(Day, 10));
        await app.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(Ct);
        return app;
    }

    private static List<string> Ids(System.Xml.Linq.XDocument feed) =>
        [.. feed.Entries().Select(e => e.Text("id")[(e.Text("id").LastIndexOf('/') + 1)..])];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheLatestFeedKeepsOnlyWhatPassesTheFilters(Lane lane)
    {
        await using var app = await CatalogAsync(lane);
        var client = app.CreateClient();

        var all = await ReadValidAsync(await client.GetAsync("/papers.atom", Ct));
        var archive = await ReadValidAsync(await client.GetAsync("/papers.atom?cat=cs&xcat=cs.CV", Ct));
        var words = await ReadValidAsync(await client.GetAsync("/papers.atom?kw=diffusion&xkw=survey&xkw=images", Ct));
        var both = await ReadValidAsync(await client.GetAsync("/papers.atom?cat=cs.RO,cs.CL&kw=diffusion", Ct));

        Assert.Equal(["2612.00305", "2612.00304", "2612.00303", "2612.00302", "2612.00301"], Ids(all));
        Assert.Equal(["2612.00304", "2612.00303", "2612.00301"], Ids(archive));
        Assert.Equal(["2612.00305", "2612.00301"], Ids(words));
        Assert.Equal(["2612.00301"], Ids(both));
        Assert.Equal("http://localhost/papers.atom?cat=cs&xcat=cs.CV", archive.Root!.Link("self"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSearchFeedTakesExcludesAndKeywords(Lane lane)
    {
        await using var app = await CatalogAsync(lane);
        var client = app.CreateClient();

        var plain = await ReadValidAsync(await client.GetAsync("/papers/search.atom?q=diffusion", Ct));
        var filtered = await ReadValidAsync(await client.GetAsync("/papers/search.atom?q=diffusion&xcat=cs.CV&xkw=survey", Ct));
        var required = await ReadValidAsync(await client.GetAsync("/papers/search.atom?q=diffusion&kw=protein", Ct));

        Assert.Equal(4, Ids(plain).Count);
        Assert.Equal(["2612.00301", "2612.00305"], Ids(filtered).Order());
        Assert.Equal(["2612.00305"], Ids(required));
        Assert.Equal("http://localhost/papers/search.atom?q=diffusion&xcat=cs.CV&xkw=survey", filtered.Root!.Link("self"));
    }

    [Theory]
    [InlineData("/papers.atom?cat=not%20a%20category", "cat")]
    [InlineData("/papers.atom?xkw=a%0D%0AX-Injected:%201", "xkw")]
    [InlineData("/papers/search.atom?q=diffusion&xcat=%3Cscript%3E", "xcat")]
    [InlineData("/papers/search.atom?q=diffusion&kw=robots%0ABcc:x", "kw")]
    public async Task ABadFilterIsA400NamingItsParameter(string url, string parameter)
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);

        var response = await app.CreateClient().GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{parameter}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
