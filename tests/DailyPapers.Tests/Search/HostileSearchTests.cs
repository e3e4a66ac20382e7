using System.Net;
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

            var expected = query.Length > 250 || string.IsNullOrWhiteSpace(query) ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
            Assert.True(expected == page.StatusCode, $"{query[..Math.Min(40, query.Length)]}: page {page.StatusCode}");
            Assert.True(expected == api.StatusCode, $"{query[..Math.Min(40, query.Length)]}: api {api.StatusCode}");
            Assert.True(expected == feed.StatusCode, $"{query[..Math.Min(40, query.Length)]}: feed {feed.StatusCode}");
            var html = document.DocumentElement.OuterHtml;
            Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Empty(document.QuerySelectorAll("main script, main img"));
            if (expected == HttpStatusCode.OK)
            {
                // The query reads back as typed in the heading and the filter form (a NUL, which HTML cannot carry, as U+FFFD).
                var shown = query.Replace('\0', '\uFFFD');
                Assert.Equal(shown.Trim(), document.QuerySelector("h1 q")!.TextContent);
                Assert.Equal(shown, document.QuerySelector("form.search-filters input[name=q]")!.GetAttribute("value"));
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
}
