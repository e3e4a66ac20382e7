using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Papers;

public sealed class PaperPagesTests
{
    private static readonly DateOnly Jul29 = new(2024, 7, 29);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APaperPageShowsTheWholeRecordWithLinks(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2405.15738", "Attention Is Still All You Need")
        {
            Abstract = "A full abstract that is not cut short.",
            Authors = ["Grace Hopper", "Edsger Dijkstra"],
            Categories = "cs.CL cs.LG",
            PublishedAt = new DateTime(2024, 5, 24, 17, 0, 0),
            Doi = "10.1000/xyz-123",
            CodeUrl = "https://github.com/example/attention",
            Upvotes = 42,
        }.On(Jul29).On(new DateOnly(2024, 7, 30)));

        var (response, page) = await HtmlPage.GetAsync(app.CreateClient(), "/papers/2405.15738");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Attention Is Still All You Need", page.QuerySelector("h1")!.Text());
        Assert.Equal("Attention Is Still All You Need · DailyPapers", page.Title);
        Assert.Equal("A full abstract that is not cut short.", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal(["/authors/Grace%20Hopper", "/authors/Edsger%20Dijkstra"], page.QuerySelectorAll(".paper-authors a").Select(a => a.GetAttribute("href")));
        Assert.Equal("A full abstract that is not cut short.", page.QuerySelector(".abstract")!.Text());
        Assert.Equal(["cs.CL (primary)", "cs.LG"], page.QuerySelectorAll(".facts .chips li").Select(li => li.Text()));
        Assert.Contains("chip-primary", page.QuerySelector(".facts .chips li")!.ClassList);
        Assert.Equal("https://doi.org/10.1000/xyz-123", page.LinkHref("10.1000/xyz-123"));
        Assert.Equal("https://arxiv.org/abs/2405.15738", page.LinkHref("arXiv page"));
        Assert.Equal("https://arxiv.org/pdf/2405.15738", page.LinkHref("PDF"));
        Assert.Equal("https://github.com/example/attention", page.LinkHref("Code"));
        Assert.Contains("May 24, 2024", page.QuerySelector(".facts")!.Text(), StringComparison.Ordinal);
        Assert.Contains("42 upvotes", page.QuerySelector(".paper-actions")!.Text(), StringComparison.Ordinal);
        Assert.Equal(["/papers/date/2024-07-29", "/papers/date/2024-07-30"], page.QuerySelectorAll(".featured-days a").Select(a => a.GetAttribute("href")));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PaperAddressesAcceptVersionsAndOldStyleIdsWithASlash(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2405.15738", "New scheme"), new SeedPaper("hep-th/9901001", "Old scheme"), new SeedPaper("math.GT/0309136", "Old scheme with class"));
        var client = app.CreateClient();

        foreach (var (url, title) in new[]
        {
            ("/papers/2405.15738v3", "New scheme"),
            ("/papers/arXiv:2405.15738", "New scheme"),
            ("/papers/hep-th/9901001", "Old scheme"),
            ("/papers/hep-th/9901001v2", "Old scheme"),
            ("/papers/math.GT/0309136", "Old scheme with class"),
        })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(title, page.QuerySelector("h1")!.Text());
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task UnknownOrMalformedPaperIdsGetAStyled404(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var client = app.CreateClient();

        var (unknown, unknownPage) = await HtmlPage.GetAsync(client, "/papers/2405.99999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("arXiv:2405.99999 is not in this catalog", unknownPage.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
        Assert.Equal("https://arxiv.org/abs/2405.99999", unknownPage.LinkHref("View it on arXiv"));

        foreach (var url in new[] { "/papers/not-an-id", "/papers/2405.157", "/papers/date", "/papers/hep-th/99" })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("is not an arXiv identifier", page.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task UnsafeOutsideLinksAreLeftOut(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2405.15738", "Paper") { CodeUrl = "javascript:alert(1)" }.On(Jul29));
        var client = app.CreateClient();

        var (_, paper) = await HtmlPage.GetAsync(client, "/papers/2405.15738");
        var (_, day) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");

        Assert.Null(paper.LinkHref("Code"));
        Assert.Null(day.LinkHref("Code"));
        Assert.Empty(paper.QuerySelectorAll("a[href^='javascript']"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnAuthorPageListsTheirPapersNewestFirst(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(
            new SeedPaper("2301.00001", "Oldest") { Authors = ["Ada Lovelace"], PublishedAt = new DateTime(2023, 1, 2) },
            new SeedPaper("2401.00002", "Newest") { Authors = ["Charles Babbage", "Ada Lovelace"], PublishedAt = new DateTime(2024, 1, 3) },
            new SeedPaper("2312.00003", "Middle") { Authors = ["Ada Lovelace"], PublishedAt = new DateTime(2023, 12, 1) },
            new SeedPaper("2312.00004", "Undated") { Authors = ["Ada Lovelace"] },
            new SeedPaper("2312.00005", "Someone else's") { Authors = ["Charles Babbage"], PublishedAt = new DateTime(2024, 6, 1) });

        var (response, page) = await HtmlPage.GetAsync(app.CreateClient(), "/authors/Ada%20Lovelace");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada Lovelace", page.QuerySelector("h1")!.Text());
        Assert.Equal(["Newest", "Middle", "Oldest", "Undated"], page.CardTitles());
        Assert.Equal("Ada Lovelace", page.QuerySelector(".author-current")!.Text());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AuthorsWhoseNamesDifferOnlyInCaseKeepTheirOwnPages(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2401.00001", "By Jun Li") { Authors = ["Jun Li"] }, new SeedPaper("2401.00002", "By JUN LI") { Authors = ["JUN LI"] });
        var client = app.CreateClient();

        var (_, first) = await HtmlPage.GetAsync(client, "/authors/Jun%20Li");
        var (_, second) = await HtmlPage.GetAsync(client, "/authors/JUN%20LI");

        Assert.Equal(["By Jun Li"], first.CardTitles());
        Assert.Equal(["By JUN LI"], second.CardTitles());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnAuthorWithASlashInTheNameHasAPageAtTheLinkThePaperPageGives(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2401.00001", "Gravitational Waves") { Authors = ["LIGO/Virgo Collaboration", "A/B/C"] });
        var client = app.CreateClient();
        var (_, paper) = await HtmlPage.GetAsync(client, "/papers/2401.00001");

        foreach (var (link, name) in paper.QuerySelectorAll(".paper-authors a").Select(a => (a.GetAttribute("href")!, a.Text())))
        {
            var (response, page) = await HtmlPage.GetAsync(client, link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode}");
            Assert.Equal(name, page.QuerySelector("h1")!.Text());
            Assert.Equal(["Gravitational Waves"], page.CardTitles());
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AuthorPagesArePagedAndUnknownAuthorsAre404(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync([.. Enumerable.Range(1, 51).Select(i => new SeedPaper($"2401.{i:00000}", $"Paper {i:00}")
        {
            Authors = ["Prolific Author"],
            PublishedAt = new DateTime(2024, 1, 1).AddDays(-i),
        })]);
        var client = app.CreateClient();

        var (_, second) = await HtmlPage.GetAsync(client, "/authors/Prolific%20Author?p=2");
        Assert.Equal(["Paper 51"], second.CardTitles());
        Assert.Equal("/authors/Prolific%20Author", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));

        var (badPage, badPageDocument) = await HtmlPage.GetAsync(client, "/authors/Prolific%20Author?p=-1");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Contains("expected a page number", badPageDocument.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);

        var (unknown, unknownPage) = await HtmlPage.GetAsync(client, "/authors/Nobody%20Here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("named 'Nobody Here'", unknownPage.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
    }
}
