using DailyPapers.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DailyPapers.Tests.Feed;

public sealed class FeedPagesTests
{
    private static readonly DateOnly Jul22 = new(2024, 7, 22);
    private static readonly DateOnly Jul26 = new(2024, 7, 26);
    private static readonly DateOnly Jul29 = new(2024, 7, 29);
    private static readonly DateOnly Aug02 = new(2024, 8, 2);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheHomePageAndPapersShowTheLatestDayWithPapers(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "Older paper").On(Jul26), new SeedPaper("2407.00002", "Latest paper").On(Jul29));
        var client = app.CreateClient();

        foreach (var url in new[] { "/", "/papers" })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Jul 29, 2024", page.QuerySelector("h1")!.Text());
            Assert.Equal(["Latest paper"], page.CardTitles());
        }

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task CardsAreRankedByUpvotesByDefaultAndByNewestOnRequest(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(
            new SeedPaper("2407.00001", "Five votes, first in") { Upvotes = 5 }.On(Jul29, hour: 6),
            new SeedPaper("2407.00002", "Twenty votes") { Upvotes = 20 }.On(Jul29, hour: 7),
            new SeedPaper("2407.00003", "Ten votes, last in") { Upvotes = 10 }.On(Jul29, hour: 9));
        var client = app.CreateClient();

        var (_, byVotes) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");
        Assert.Equal(["Twenty votes", "Ten votes, last in", "Five votes, first in"], byVotes.CardTitles());
        Assert.Equal(["1", "2", "3"], byVotes.QuerySelectorAll(".card-rank").Select(r => r.Text().Replace("Rank ", "", StringComparison.Ordinal)));
        Assert.Equal("true", byVotes.QuerySelector(".sort a[href='/papers/date/2024-07-29']")!.GetAttribute("aria-current"));

        var (_, newest) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?sort=newest");
        Assert.Equal(["Ten votes, last in", "Twenty votes", "Five votes, first in"], newest.CardTitles());
        Assert.Null(newest.QuerySelector(".formula"));
    }

    /// <summary>publishedAt is the arXiv date here as in the API (the pages once read it as time on the feed).</summary>
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PublishedAtOrdersByTheArxivDateNotTheTimeOnTheFeed(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(
            new SeedPaper("2407.00001", "Old on arXiv, last in") { PublishedAt = new DateTime(2024, 1, 2) }.On(Jul29, hour: 9),
            new SeedPaper("2407.00002", "Undated").On(Jul29, hour: 8),
            new SeedPaper("2407.00003", "New on arXiv, first in") { PublishedAt = new DateTime(2024, 7, 26) }.On(Jul29, hour: 6));
        var client = app.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?sort=publishedAt");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["New on arXiv, first in", "Old on arXiv, last in", "Undated"], page.CardTitles());
        var (_, newest) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?sort=newest");
        Assert.Equal(["Old on arXiv, last in", "Undated", "New on arXiv, first in"], newest.CardTitles());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TrendingFavoursRecentUpvotesAndExplainsItsFormula(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 7, 29, 12, 0, 0, TimeSpan.Zero));
        await app.SeedAsync(
            new SeedPaper("2407.00001", "Popular two days ago") { Upvotes = 30 }.OnAt(Jul29, new DateTime(2024, 7, 27, 12, 0, 0)),
            new SeedPaper("2407.00002", "Rising this hour") { Upvotes = 10 }.OnAt(Jul29, new DateTime(2024, 7, 29, 11, 0, 0)));
        await using var timed = app.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));

        var (_, page) = await HtmlPage.GetAsync(timed.CreateClient(), "/papers/date/2024-07-29?sort=trending");

        Assert.Equal(["Rising this hour", "Popular two days ago"], page.CardTitles());
        Assert.Contains(DailyPapers.Feed.Trending.Explanation, page.QuerySelector(".formula")!.Text(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PreviousAndNextSkipDaysWithoutPapersAndNextStopsAtTheLatest(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "A").On(Jul22), new SeedPaper("2407.00002", "B").On(Jul26), new SeedPaper("2407.00003", "C").On(Jul29));
        var client = app.CreateClient();

        var (_, middle) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-26");
        Assert.Equal("/papers/date/2024-07-22", middle.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/papers/date/2024-07-29", middle.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Contains("Previous day with papers", middle.QuerySelector("a[rel=prev]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(["/papers/date/2024-07-26", "/papers/week/2024-W30", "/papers/month/2024-07"],
            middle.QuerySelectorAll(".tabs a").Select(a => a.GetAttribute("href")));

        var (_, latest) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");
        Assert.Null(latest.QuerySelector("a[rel=next]"));
        Assert.Equal("true", latest.QuerySelector(".prev-next [aria-disabled]")!.GetAttribute("aria-disabled"));
        Assert.Equal("/papers/date/2024-07-26", latest.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task WeekAndMonthPagesListExactlyTheirDays(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(
            new SeedPaper("2407.00001", "Friday Jul 26") { Upvotes = 3 }.On(Jul26),
            new SeedPaper("2407.00002", "Monday Jul 29") { Upvotes = 2 }.On(Jul29),
            new SeedPaper("2408.00003", "Friday Aug 2") { Upvotes = 1 }.On(Aug02));
        var client = app.CreateClient();

        var (_, week) = await HtmlPage.GetAsync(client, "/papers/week/2024-W31");
        Assert.Equal("Week 31, 2024 · Jul 29 – Aug 4", week.QuerySelector("h1")!.Text());
        Assert.Equal(["Monday Jul 29", "Friday Aug 2"], week.CardTitles());
        Assert.Equal("/papers/week/2024-W30", week.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("page", week.QuerySelector(".tabs a[href='/papers/week/2024-W31']")!.GetAttribute("aria-current"));
        // The Day tab opens the latest day of the week that has papers.
        Assert.NotNull(week.QuerySelector(".tabs a[href='/papers/date/2024-08-02']"));

        var (_, month) = await HtmlPage.GetAsync(client, "/papers/month/2024-07");
        Assert.Equal("July 2024", month.QuerySelector("h1")!.Text());
        Assert.Equal(["Friday Jul 26", "Monday Jul 29"], month.CardTitles());
        Assert.Equal("/papers/month/2024-08", month.QuerySelector("a[rel=next]")!.GetAttribute("href"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task BigPeriodsAreSplitIntoPagesOfFifty(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var papers = Enumerable.Range(1, 53)
            .Select(i => new SeedPaper($"2407.{i:00000}", $"Paper {i:00}") { Upvotes = 100 - i, Authors = [$"Author {i}"] }.On(Jul29))
            .ToArray();
        await app.SeedAsync(papers);
        var client = app.CreateClient();

        var (_, first) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");
        Assert.Equal(50, first.CardTitles().Count);
        Assert.Equal("/papers/date/2024-07-29?p=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));

        var (_, second) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?p=2");
        Assert.Equal(["Paper 51", "Paper 52", "Paper 53"], second.CardTitles());
        Assert.Equal("51", second.QuerySelector("ol.cards")!.GetAttribute("start"));
        Assert.Equal("page", second.QuerySelector(".pager a[href='/papers/date/2024-07-29?p=2']")!.GetAttribute("aria-current"));

        var (response, beyond) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?p=3");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expected a page from 1 to 2", beyond.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task MalformedPeriodsSortsAndPagesGetAStyled400SayingWhatWasExpected(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var client = app.CreateClient();
        var cases = new (string Url, string Expected)[]
        {
            ("/papers/date/2024-02-30", "YYYY-MM-DD"),
            ("/papers/date/yesterday", "YYYY-MM-DD"),
            ("/papers/week/2024-W54", "YYYY-Www"),
            ("/papers/month/2024-13", "YYYY-MM"),
            ("/papers/date/2024-07-29x", "YYYY-MM-DD"),
            ("/papers/date/%D9%A2%D9%A0%D9%A2%D9%A4-07-29", "YYYY-MM-DD"),
            ("/papers/date/2024-07-29?sort=best", "expected upvotes (the default), newest"),
            ("/papers?p=0", "expected a page number, 1 or more"),
            ("/papers/week/2024-W31?p=two", "expected a page number, 1 or more"),
        };
        foreach (var (url, expected) in cases)
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(expected, page.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("header.site-header"));
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ADayWithoutPapersShowsAFriendlyEmptyStateWithWaysOut(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "B").On(Jul26), new SeedPaper("2407.00002", "C").On(Jul29));

        var (response, page) = await HtmlPage.GetAsync(app.CreateClient(), "/papers/date/2024-07-27");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("No papers for Jul 27, 2024", page.QuerySelector(".empty h2")!.Text());
        Assert.Equal(["/papers/date/2024-07-26", "/papers/date/2024-07-29"], page.QuerySelectorAll(".empty a").Select(a => a.GetAttribute("href")));
        Assert.Empty(page.CardTitles());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnEmptyCatalogSaysSoInsteadOfFailing(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var (response, page) = await HtmlPage.GetAsync(app.CreateClient(), "/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("No papers yet", page.QuerySelector(".empty h2")!.Text());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheNewBadgeMarksOnlyPapersFirstFeaturedInTheLast24Hours(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 7, 29, 12, 0, 0, TimeSpan.Zero));
        await app.SeedAsync(
            new SeedPaper("2407.00001", "Featured this morning") { Upvotes = 3 }.On(Jul29, hour: 8),
            new SeedPaper("2407.00002", "Featured again, first seen two days ago") { Upvotes = 2 }.On(new DateOnly(2024, 7, 27), hour: 8).On(Jul29, hour: 9),
            new SeedPaper("2407.00003", "Featured 25 hours ago") { Upvotes = 1 }.OnAt(Jul29, new DateTime(2024, 7, 28, 11, 0, 0)));
        await using var timed = app.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));

        var (_, page) = await HtmlPage.GetAsync(timed.CreateClient(), "/papers/date/2024-07-29");

        var newTitles = page.QuerySelectorAll(".card").Where(card => card.QuerySelector(".badge-new") is not null)
            .Select(card => card.QuerySelector(".card-title a")!.Text());
        Assert.Equal(["Featured this morning"], newTitles);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TitlesAndAbstractsAreEscapedNotInterpretedAsMarkup(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "<script>alert('x')</script> Attention & <b>more</b>")
        {
            Abstract = "<img src=x onerror=alert(1)> tricky",
            Authors = ["<i>Mallory</i>"],
        }.On(Jul29));
        var client = app.CreateClient();

        var html = await client.GetStringAsync("/papers/date/2024-07-29", TestContext.Current.CancellationToken);
        var (_, page) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main script, main img, main b, main i"));
        Assert.Equal("<script>alert('x')</script> Attention & <b>more</b>", page.CardTitles().Single());
        Assert.Equal("/authors/%3Ci%3EMallory%3C%2Fi%3E", page.LinkHref("<i>Mallory</i>"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AuthorsLinkToTheirPagesAndLongListsEndInMore(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var authors = Enumerable.Range(1, 10).Select(i => $"Author Number{i}").ToArray();
        await app.SeedAsync(new SeedPaper("2407.00001", "Big collaboration") { Authors = authors }.On(Jul29));

        var (_, page) = await HtmlPage.GetAsync(app.CreateClient(), "/papers/date/2024-07-29");

        var links = page.QuerySelectorAll(".card .authors a").ToList();
        Assert.Equal([.. authors.Take(6).Select(a => "/authors/" + Uri.EscapeDataString(a)), "/papers/2407.00001#authors"],
            links.Select(a => a.GetAttribute("href")));
        Assert.Equal("+4 more authors", links[^1].Text());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task FeedPagesCarryTheLayoutFormsAndTheAtomFeedLink(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "A").On(Jul29));

        var (_, page) = await HtmlPage.GetAsync(app.CreateClient(), "/papers/date/2024-07-29");

        Assert.Equal(["/papers.atom", "/papers/date/2024-07-29.atom"],
            page.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Select(link => link.GetAttribute("href")));
        Assert.Equal("Daily Papers: Jul 29, 2024 · DailyPapers", page.Title);
        Assert.StartsWith("1 research paper featured by the community for Jul 29, 2024", page.QuerySelector("meta[name=description]")!.GetAttribute("content"), StringComparison.Ordinal);
        var search = page.QuerySelector("form[role=search]")!;
        Assert.Equal(("/search", "get"), (search.GetAttribute("action"), search.GetAttribute("method")));
        Assert.NotNull(search.QuerySelector("input[name=q]"));
        Assert.NotNull(page.QuerySelector("label[for=site-search]"));
        var subscribe = page.QuerySelector("form[action='/subscribe']")!;
        Assert.Equal("post", subscribe.GetAttribute("method"));
        Assert.NotNull(subscribe.QuerySelector("input[type=email][name=email][required]"));
        Assert.Equal(["/papers.atom", "/openapi/v1.json"], page.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("header.site-header a[href='/']"));
        Assert.NotNull(page.QuerySelector("main#main"));
    }
}
