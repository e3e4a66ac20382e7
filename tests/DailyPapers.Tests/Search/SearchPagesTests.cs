using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchPagesTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSearchPageShowsRankedCardsWithTheQueryTermsMarkedAndEncoded(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane);
        var client = app.App.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/search?q=networks");
        var html = page.DocumentElement.OuterHtml;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Results for networks", page.QuerySelector("h1")!.Text());
        Assert.Equal("networks", page.QuerySelector("#site-search")!.GetAttribute("value"));
        Assert.Equal("Graph Neural Networks for Molecules", page.CardTitles()[0]);
        Assert.Equal(["Networks"], page.QuerySelectorAll(".card")[0].QuerySelectorAll(".card-title mark").Select(m => m.Text()));
        // Stem-aware: "networks" marks "networked" and "network"-forms in other papers.
        Assert.Contains(page.QuerySelectorAll(".card-abstract mark"), m => m.Text() == "networked");
        Assert.Null(page.QuerySelector(".search-note"));
        Assert.Equal("4 results", page.QuerySelector(".count")!.Text());
        Assert.Equal("1", page.QuerySelector("ol.cards")!.GetAttribute("start"));

        // Markup in a title or abstract is text on the page; the marks around "networks" are the only elements added.
        Assert.Contains(page.CardTitles(), t => t == SearchSurfaceCatalog.HostileTitle);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>markup</b>", html, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".card script, .card b"));

        var card = page.QuerySelectorAll(".card").Single(c => c.QuerySelector(".card-title")!.Text() == "Graph Neural Networks for Molecules");
        Assert.Equal(["cs.LG"], card.QuerySelectorAll(".hit-facts .chip").Select(c => c.Text()));
        Assert.Equal("/papers/date/2024-03-01", card.QuerySelector(".hit-featured a")!.GetAttribute("href"));
        Assert.Equal("/authors/Justin%20Gilmer", card.QuerySelector(".authors a")!.GetAttribute("href"));
        Assert.Contains("30 upvotes", card.QuerySelector(".stat-votes")!.Text(), StringComparison.Ordinal);

        var feed = page.QuerySelector("link[rel=alternate][type='application/atom+xml']")!;
        Assert.Equal("/papers/search.atom?q=networks", feed.GetAttribute("href"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PapersWithAQueryIsTheSearchPageAndWithoutOneTheLatestDay(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        // The day page first, so a cache keyed without q would hand it back for the search.
        var (_, day) = await HtmlPage.GetAsync(client, "/papers");
        var (_, empty) = await HtmlPage.GetAsync(client, "/papers?q=");
        var (response, search) = await HtmlPage.GetAsync(client, "/papers?q=qubits");

        Assert.Equal("Mar 2, 2024", day.QuerySelector("h1")!.Text());
        Assert.Equal("Mar 2, 2024", empty.QuerySelector("h1")!.Text());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Results for qubits", search.QuerySelector("h1")!.Text());
        Assert.Equal(["Surface Codes for Quantum Error Correction"], search.CardTitles());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task FiltersAndSortsNarrowAndOrderTheResultsAndSurviveInEveryLink(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var (_, byVotes) = await HtmlPage.GetAsync(client, "/search?q=networks&sort=upvotes");
        var (_, categories) = await HtmlPage.GetAsync(client, "/search?q=networks&cat=cs.LG&cat=q-bio,cs.RO&sort=newest");
        var (_, featured) = await HtmlPage.GetAsync(client, "/search?q=networks&featured=1");
        var (_, dated) = await HtmlPage.GetAsync(client, "/search?q=networks&from=2024-01-03&to=2024-01-05");

        Assert.Equal(["Graph Neural Networks for Molecules", "Protein Folding with Deep Learning", "Networked Control of Legged Robots", SearchSurfaceCatalog.HostileTitle], byVotes.CardTitles());
        Assert.Equal(["Protein Folding with Deep Learning", "Networked Control of Legged Robots", "Graph Neural Networks for Molecules"], categories.CardTitles());
        Assert.Equal(["Graph Neural Networks for Molecules"], featured.CardTitles());
        Assert.Equal(["Networked Control of Legged Robots", "Protein Folding with Deep Learning"], dated.CardTitles().Order(StringComparer.Ordinal));

        // The filter form is filled in from the URL, and the sort links keep the filters.
        Assert.Equal("cs.LG, q-bio, cs.RO", categories.QuerySelector("#filter-cat")!.GetAttribute("value"));
        Assert.Equal("newest", categories.QuerySelector("form.search-filters input[name=sort]")!.GetAttribute("value"));
        Assert.True(featured.QuerySelector("#filter-featured")!.HasAttribute("checked"));
        Assert.Equal("2024-01-03", dated.QuerySelector("#filter-from")!.GetAttribute("value"));
        Assert.Equal("/search?q=networks&cat=cs.LG,q-bio,cs.RO&sort=upvotes", categories.LinkHref("Most upvoted"));
        Assert.Equal("true", categories.QuerySelector(".sort a[href$='sort=newest']")!.GetAttribute("aria-current"));
        Assert.Equal("/search?q=networks", featured.LinkHref("Clear filters"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ResultsComeAHundredToAPageWithATotalAndPageLinks(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync([.. Enumerable.Range(1, 105).Select(i =>
            SearchApp.Paper($"2402.{i:00000}", $"Widget study {i}", "Widgets compared.") with { Upvotes = i })]);
        await app.CatchUpAsync();
        var client = app.App.CreateClient();

        var (_, first) = await HtmlPage.GetAsync(client, "/search?q=widget&sort=upvotes");
        var (_, second) = await HtmlPage.GetAsync(client, "/search?q=widget&sort=upvotes&p=2");
        var (beyond, error) = await HtmlPage.GetAsync(client, "/search?q=widget&sort=upvotes&p=3");

        Assert.Equal("105 results", first.QuerySelector(".count")!.Text());
        Assert.Equal(100, first.CardTitles().Count);
        Assert.Equal("Widget study 105", first.CardTitles()[0]);
        Assert.Equal("/search?q=widget&sort=upvotes&p=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["Widget study 5", "Widget study 4", "Widget study 3", "Widget study 2", "Widget study 1"], second.CardTitles());
        Assert.Equal("101", second.QuerySelector("ol.cards")!.GetAttribute("start"));
        Assert.Equal("/search?q=widget&sort=upvotes", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Contains("they end on page 2", error.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/search?q=widget&sort=upvotes&p=2", error.LinkHref("Back to the last page of results"));
        // Nothing is embedded in this catalog, so the page says where its results come from.
        Assert.Equal("Showing keyword matches; semantic search is warming up.", first.QuerySelector(".search-note")!.Text());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoMatchesShowAFriendlyEmptyState(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/search?q=zymurgy");
        var (_, filtered) = await HtmlPage.GetAsync(client, "/search?q=networks&cat=astro-ph");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("No papers match zymurgy", page.QuerySelector(".empty h2")!.Text());
        Assert.Empty(page.CardTitles());
        Assert.Contains("search without filters", filtered.QuerySelector(".empty")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/search?q=networks", filtered.LinkHref("search without filters"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task BadSearchesGetTheStyled400PageSayingWhatWasExpected(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        var client = app.App.CreateClient();
        var cases = new (string Url, string Expected)[]
        {
            ("/search?q=" + new string('a', 251), "at most 250 are allowed"),
            ("/search?q=x&from=2024-02-30", "expected a day as YYYY-MM-DD"),
            ("/search?q=x&to=yesterday", "expected a day as YYYY-MM-DD"),
            ("/search?q=x&from=2024-05-01&to=2024-04-01", "ends (2024-04-01) before it starts (2024-05-01)"),
            ("/search?q=x&sort=best", "expected relevance, newest or upvotes"),
            ("/search?q=x&cat=cs.CL;drop", "expected an arXiv category"),
            ("/search?q=x&featured=maybe", "expected 1"),
            ("/search?q=x&p=0", "expected a page number, 1 or more"),
            ("/papers?q=x&sort=trending", "expected relevance, newest or upvotes"),
        };
        foreach (var (url, expected) in cases)
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(expected, page.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("header.site-header"));
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnEmptySearchShowsTheFormWithExamplesAndFilters(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        var client = app.App.CreateClient();

        foreach (var url in new[] { "/search", "/search?q=", "/search?q=%20%20", "/search?q=%EF%BF%BE", "/papers?q=%20" })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);

            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{url}: {response.StatusCode}");
            Assert.Equal("Search papers", page.QuerySelector("h1")!.Text());
            var form = page.QuerySelector("form.search-start")!;
            Assert.Equal(("/search", "get"), (form.GetAttribute("action"), form.GetAttribute("method")));
            Assert.Equal(["q", "from", "to", "cat", "featured"], form.QuerySelectorAll("input").Select(i => i.GetAttribute("name")));
            Assert.Equal("/search?q=mixture%20of%20experts", page.LinkHref("mixture of experts"));
            Assert.Equal(4, page.QuerySelectorAll(".search-examples li").Length);
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APagePastTheLastSaysThereAreNoMoreResultsAndLinksBack(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane, embed: false);
        var client = app.App.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/search?q=networks&sort=newest&p=7");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No more results", page.QuerySelector("h1")!.Text());
        Assert.Contains("There is no page 7 of results for \u201cnetworks\u201d: they end on page 1.", page.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/search?q=networks&sort=newest", page.LinkHref("Back to the last page of results"));
    }
}
