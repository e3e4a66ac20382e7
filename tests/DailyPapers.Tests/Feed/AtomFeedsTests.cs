using System.Xml.Linq;
using DailyPapers.Tests.Infrastructure;
using static DailyPapers.Tests.Infrastructure.AtomDocument;
using static DailyPapers.Tests.Infrastructure.CatalogSeed;

namespace DailyPapers.Tests.Feed;

public sealed class AtomFeedsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheLatestFeedCarriesTheLastThreeDaysWithPapersNewestFirstOncePerPaper(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Feature(seed.Paper("2407.0000a"), Day(2024, 7, 25));
            seed.Feature(seed.Paper("2407.0000b"), Day(2024, 7, 26), Utc(2024, 7, 26, 6, 0));
            var twice = seed.Paper("2407.0000f");
            seed.Feature(twice, Day(2024, 7, 26), Utc(2024, 7, 26, 7, 0));
            seed.Feature(seed.Paper("2407.0000c"), Day(2024, 7, 29), Utc(2024, 7, 29, 6, 0));
            seed.Feature(seed.Paper("2407.0000d"), Day(2024, 7, 29), Utc(2024, 7, 29, 9, 0));
            seed.Feature(seed.Paper("2407.0000e"), Day(2024, 7, 30), Utc(2024, 7, 30, 8, 0));
            seed.Feature(twice, Day(2024, 7, 30), Utc(2024, 7, 30, 7, 0));
            await db.SaveChangesAsync(Ct);
        });

        var feed = await ReadValidAsync(await app.CreateClient().GetAsync("/papers.atom", Ct));

        var root = feed.Root!;
        Assert.Equal("http://localhost/papers.atom", root.Text("id"));
        Assert.Equal("http://localhost/papers.atom", root.Link("self"));
        Assert.Equal("http://localhost/", root.Link("alternate"));
        Assert.Equal("2024-07-30T08:00:00Z", root.Text("updated"));
        Assert.Equal(
            ["2407.0000e", "2407.0000f", "2407.0000d", "2407.0000c", "2407.0000b"],
            feed.Entries().Select(e => e.Text("id")["http://localhost/papers/".Length..]));
        Assert.Equal("2024-07-30T07:00:00Z", feed.Entries()[1].Text("updated"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnEntryCarriesThePaperWithAbsoluteLinksAuthorsAbstractAndCategories(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var paper = seed.Paper("hep-th/9901001", Utc(2024, 7, 25, 17, 0), title: "Strings", authors: ["Ada Lovelace", "Alan Turing"]);
            seed.Feature(paper, Day(2024, 7, 29), Utc(2024, 7, 29, 3, 44));
            await db.SaveChangesAsync(Ct);
        });

        var feed = await ReadValidAsync(await app.CreateClient().GetAsync("/papers/date/2024-07-29.atom", Ct));

        var entry = Assert.Single(feed.Entries());
        Assert.Equal("http://localhost/papers/hep-th/9901001", entry.Text("id"));
        Assert.Equal("http://localhost/papers/hep-th/9901001", entry.Link("alternate"));
        Assert.Equal("https://arxiv.org/abs/hep-th/9901001", entry.Link("related"));
        Assert.Equal("Strings", entry.Text("title"));
        Assert.Equal("2024-07-29T03:44:00Z", entry.Text("updated"));
        Assert.Equal("2024-07-25T17:00:00Z", entry.Text("published"));
        Assert.Equal(["Ada Lovelace", "Alan Turing"], entry.Elements(Atom + "author").Select(a => a.Text("name")));
        var summary = entry.Element(Atom + "summary")!;
        Assert.Equal("text", (string?)summary.Attribute("type"));
        Assert.Equal("Abstract of hep-th/9901001", summary.Value);
        Assert.Equal(["cs.CL", "cs.AI"], entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task MarkupInTitlesAndAbstractsIsEscapedAndUnwritableCharactersAreDropped(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var paper = seed.Paper("2407.00001", title: "Less <b>is</b> more & faster\u0001", authors: ["R&D <Team>"]);
            paper.Abstract = "We show x < y && y > z. </summary><script>alert(1)</script>";
            seed.Feature(paper, Day(2024, 7, 29));
            await db.SaveChangesAsync(Ct);
        });

        var response = await app.CreateClient().GetAsync("/papers/date/2024-07-29.atom", Ct);
        var raw = await response.Content.ReadAsStringAsync(Ct);
        var entry = Assert.Single(XDocument.Parse(raw).Entries());

        Assert.Contains("Less &lt;b&gt;is&lt;/b&gt; more &amp; faster</title>", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Equal("Less <b>is</b> more & faster", entry.Text("title"));
        Assert.Equal("We show x < y && y > z. </summary><script>alert(1)</script>", entry.Text("summary"));
        Assert.Equal("R&D <Team>", entry.Element(Atom + "author")!.Text("name"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ADayFeedHasOnlyThatDayAndADayWithoutPapersIsAnEmptyFeed(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Feature(seed.Paper("2407.00028"), Day(2024, 7, 28));
            seed.Feature(seed.Paper("2407.00029"), Day(2024, 7, 29));
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();

        var day = await ReadValidAsync(await client.GetAsync("/papers/date/2024-07-28.atom", Ct));
        var empty = await ReadValidAsync(await client.GetAsync("/papers/date/2024-08-01.atom", Ct));

        Assert.Equal(["http://localhost/papers/2407.00028"], day.Entries().Select(e => e.Text("id")));
        Assert.Equal("http://localhost/papers/date/2024-07-28.atom", day.Root!.Link("self"));
        Assert.Equal("http://localhost/papers/date/2024-07-28", day.Root!.Link("alternate"));
        Assert.Contains("Jul 28, 2024", day.Root!.Text("title"), StringComparison.Ordinal);
        Assert.Empty(empty.Entries());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheLatestFeedOfAnEmptyCatalogIsAValidEmptyFeed(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var feed = await ReadValidAsync(await app.CreateClient().GetAsync("/papers.atom", Ct));

        Assert.Empty(feed.Entries());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ABadDateIsABadRequestThatSaysTheExpectedForm(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var client = app.CreateClient();

        foreach (var day in new[] { "2024-13-01", "2024-02-30", "yesterday", "2024-7-29" })
        {
            var problem = await (await client.GetAsync($"/papers/date/{day}.atom", Ct)).AssertProblemAsync(400);
            Assert.Equal("day", problem.GetProperty("parameter").GetString());
            Assert.Contains("YYYY-MM-DD", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
