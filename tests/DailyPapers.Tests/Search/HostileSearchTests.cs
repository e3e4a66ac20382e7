using System.Net;
using DailyPapers.Papers;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class HostileSearchTests
{
    /// <summary>Query syntax, oversized and odd Unicode input, injection payloads: each is words or a 400, never an error.</summary>
    public static readonly string[] Queries =
    [
        "title:foo AND (bar",
        "\"unclosed",
        "*",
        "?x",
        "\\",
        "~2",
        "[a TO b]",
        "{a TO b} ^3 || && ! -x +y /re.ex/",
        new string('a', 10 * 1024),
        string.Concat(Enumerable.Repeat("network ", 1300)),
        "networks 🚀🧬 quantum",
        "شبكات عصبية networks",
        "ne\u0301tworks cafe\u0301 Z\u0351\u0348a\u0361lgo",
        "networks\u0000nul",
        "\u200b\ufeff\u202e",
        "\ufffe",
        "net\uffffworks \ufdd0quantum \U0010FFFF",
        "networks\u0007\u001b[31m\u0085\u009b",
        "'; DROP TABLE papers;--",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "%3Cscript%3E",
        "arXiv:",
        "hep-th/",
    ];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HostileQueriesGetResultsOrA400OnThePageAndTheApiAndNeverComeOutAsMarkup(Lane lane)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(lane);
        var client = app.App.CreateClient();

        foreach (var query in Queries)
        {
            var encoded = Uri.EscapeDataString(query);
            var (page, document) = await HtmlPage.GetAsync(client, "/search?q=" + encoded);
            var api = await client.GetAsync("/api/papers/search?q=" + encoded, TestContext.Current.CancellationToken);
            var feed = await client.GetAsync("/papers/search.atom?q=" + encoded, TestContext.Current.CancellationToken);

            // What runs is the query through the text door; one with nothing left is an empty query.
            var cleaned = SafeText.Clean(query) ?? "";
            var expected = cleaned.Length is 0 or > 250 ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
            // A query with nothing left is the search form, not an error, on the page.
            var expectedPage = cleaned.Length == 0 ? HttpStatusCode.OK : expected;
            Assert.True(expectedPage == page.StatusCode, $"{query[..Math.Min(40, query.Length)]}: page {page.StatusCode}");
            Assert.True(expected == api.StatusCode, $"{query[..Math.Min(40, query.Length)]}: api {api.StatusCode}");
            Assert.True(expected == feed.StatusCode, $"{query[..Math.Min(40, query.Length)]}: feed {feed.StatusCode}");
            var html = document.DocumentElement.OuterHtml;
            Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Empty(document.QuerySelectorAll("main script, main img"));
            if (expected == HttpStatusCode.OK)
            {
                // The query reads back as it ran, in the heading and the filter form.
                Assert.Equal(cleaned, document.QuerySelector("h1 q")!.TextContent);
                Assert.Equal(cleaned, document.QuerySelector("form.search-filters input[name=q]")!.GetAttribute("value"));
                await AtomDocument.ReadValidAsync(feed);
                var body = await api.JsonAsync();
                Assert.InRange(body.GetArrayLength(), 0, SearchSurfaceCatalog.Papers.Length);
            }
            else
            {
                await api.AssertProblemAsync(400);
            }
        }
    }

    /// <summary>
    /// Noncharacters and lone surrogates as they arrive in a URL (percent-encoded UTF-8; a surrogate's
    /// bytes are invalid UTF-8). Normalizing U+FFFE threw in the keyword index: a 500 on every surface.
    /// </summary>
    [Theory]
    [InlineData("%EF%BF%BE", HttpStatusCode.BadRequest)]
    [InlineData("%EF%BF%BF%EF%B7%90", HttpStatusCode.BadRequest)]
    [InlineData("%ED%A0%80", HttpStatusCode.OK)]
    [InlineData("networks%EF%BF%BE", HttpStatusCode.OK)]
    [InlineData("%F4%8F%BF%BEnetworks%ED%B0%80", HttpStatusCode.OK)]
    public async Task NoncharactersAndSurrogatesInTheQueryAreCleanedOnEverySearchSurface(string encoded, HttpStatusCode expected)
    {
        await using var app = await SearchSurfaceCatalog.CreateAsync(Lane.Sqlite);
        var client = app.App.CreateClient();

        foreach (var path in new[] { "/search?q=", "/papers?q=", "/api/papers/search?q=", "/papers/search.atom?q=" })
        {
            var response = await client.GetAsync(path + encoded, TestContext.Current.CancellationToken);
            // Pages answer a query with nothing left with the search form; the API and the feed with a 400.
            var expectedHere = expected == HttpStatusCode.BadRequest && !path.Contains("api", StringComparison.Ordinal) && !path.Contains(".atom", StringComparison.Ordinal)
                ? HttpStatusCode.OK : expected;
            Assert.True(expectedHere == response.StatusCode, $"{path}{encoded}: {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain('\uFFFE', body);
            if (path.EndsWith(".atom?q=", StringComparison.Ordinal) && expected == HttpStatusCode.OK)
            {
                await AtomDocument.ReadValidAsync(response);
            }
        }
    }
}
