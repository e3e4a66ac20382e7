using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Web;

/// <summary>
/// <c>Site:BaseUrl</c>: with it, every absolute URL names the configured site whatever Host header
/// a client sends; without it, URLs follow the request as before.
/// </summary>
public sealed class PublicBaseUrlTests
{
    private const string Spoofed = "evil.example:8443";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2024, 3, 1);

    [Theory]
    [InlineData("https://papers.example.org", "https://papers.example.org/")]
    [InlineData("https://papers.example.org/", "https://papers.example.org/")]
    [InlineData("http://example.org:8080/daily/papers/", "http://example.org:8080/daily/papers/")]
    public async Task FeedsLinkHeadersAndApiUrlsNameTheConfiguredSiteNotTheHostHeader(string baseUrl, string expectedPrefix)
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Site:BaseUrl"] = baseUrl });
        await SeedAsync(app);

        var urls = await AbsoluteUrlsAsync(app.CreateClient());

        Assert.All(urls, url => Assert.StartsWith(expectedPrefix, url, StringComparison.Ordinal));
        Assert.Contains(expectedPrefix + "papers/2401.00001", urls);
    }

    [Fact]
    public async Task WithoutABaseUrlTheUrlsFollowTheRequest()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        await SeedAsync(app);

        var urls = await AbsoluteUrlsAsync(app.CreateClient());

        // The Host header reaches the URLs, which is what Site:BaseUrl is for.
        Assert.All(urls, url => Assert.StartsWith($"http://{Spoofed}/", url, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("papers.example.org")]
    [InlineData("/papers")]
    [InlineData("ftp://papers.example.org")]
    [InlineData("https://papers.example.org/?utm=1")]
    [InlineData("https://papers.example.org/#top")]
    [InlineData("https://admin@papers.example.org")]
    public async Task AnUnusableBaseUrlStopsTheSiteAtStartWithTheKeyAndTheValue(string baseUrl)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartupChecks.StartAsync(new() { ["Site:BaseUrl"] = baseUrl }, builder => builder.AddWebShell()));

        Assert.Contains("Site:BaseUrl must", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{baseUrl}'", error.Message, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(AppFactory app) => await app.SeedAsync(
        new SeedPaper("2401.00001", "Graph Networks") { PublishedAt = new DateTime(2024, 1, 2) }.On(Day),
        new SeedPaper("2401.00002", "Legged Robots") { PublishedAt = new DateTime(2024, 1, 3) }.On(Day));

    /// <summary>Every absolute URL of this site in the feeds, Link headers, API bodies and OpenAPI servers, asked for with a spoofed Host.</summary>
    private static async Task<List<string>> AbsoluteUrlsAsync(HttpClient client)
    {
        List<string> urls = [];
        foreach (var feed in new[] { "/papers.atom", "/papers/date/2024-03-01.atom", "/papers/search.atom?q=networks" })
        {
            var document = await AtomDocument.ReadValidAsync(await SendAsync(client, feed));
            urls.Add(document.Root!.Text("id"));
            urls.AddRange(document.Descendants(AtomDocument.Atom + "link").Select(l => (string)l.Attribute("href")!));
            urls.AddRange(document.Entries().Select(e => e.Text("id")));
        }
        foreach (var api in new[] { "/api/daily_papers?date=2024-03-01&limit=1", "/api/papers?limit=1" })
        {
            var links = (await SendAsync(client, api)).Links();
            Assert.NotEmpty(links);
            urls.AddRange(links.Values);
        }
        var paper = await (await SendAsync(client, "/api/papers/2401.00001")).JsonAsync();
        urls.Add(paper.GetProperty("links").GetProperty("page").GetString()!);
        var openApi = await (await SendAsync(client, "/openapi/v1.json")).JsonAsync();
        if (openApi.TryGetProperty("servers", out var servers))
        {
            urls.AddRange(servers.EnumerateArray().Select(s => s.GetProperty("url").GetString()!.TrimEnd('/') + "/"));
        }
        // Links to arXiv are someone else's site.
        return [.. urls.Where(url => !url.StartsWith("https://arxiv.org/", StringComparison.Ordinal))];
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Spoofed;
        var response = await client.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return response;
    }
}
