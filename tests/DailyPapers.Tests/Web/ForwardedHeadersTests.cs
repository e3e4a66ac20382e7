using System.Net;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Web;

/// <summary>
/// <c>Site:ForwardedHeaders</c>: a trusted proxy's X-Forwarded-Proto/Host/For become the request's
/// scheme, host and client address (links, redirects, HSTS, rate limits); the same headers from any
/// other address, or when no proxy is configured, change nothing.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";
    private const string Public = "https://papers.example.org/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public async Task ATrustedProxysForwardedSchemeAndHostNameThePublicSiteInFeedsLinkHeadersAndRedirects()
    {
        await using var app = await StartAsync(new() { ["Site:ForwardedHeaders:KnownProxies:0"] = Proxy });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var urls = await AbsoluteUrlsAsync(client, Proxy);

        Assert.All(urls, url => Assert.StartsWith(Public, url, StringComparison.Ordinal));
        Assert.Contains(Public + "papers/2401.00001", urls);
        // The HTTPS the browser spoke is what the site sees: HSTS goes out.
        var feed = await SendAsync(client, "/papers.atom", Proxy);
        Assert.True(feed.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("198.51.100.9")]
    [InlineData("10.0.0.6")]
    public async Task TheSameHeadersFromAnUntrustedAddressAreIgnored(string peer)
    {
        await using var app = await StartAsync(new() { ["Site:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.5/32" });

        var urls = await AbsoluteUrlsAsync(app.CreateClient(new() { AllowAutoRedirect = false }), peer);

        Assert.All(urls, url => Assert.StartsWith("http://localhost/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutConfiguredProxiesNotEvenLoopbackIsTrusted()
    {
        await using var app = await StartAsync([]);

        var urls = await AbsoluteUrlsAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "127.0.0.1");

        Assert.All(urls, url => Assert.StartsWith("http://localhost/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AForwardedHostOutsideAllowedHostsIsIgnoredWhileTheSchemeIsTaken()
    {
        await using var app = await StartAsync(new()
        {
            ["Site:ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["AllowedHosts"] = "papers.example.org;www.papers.example.org",
        });
        using var request = Request("/papers.atom", Proxy, forwardedHost: "evil.example");
        request.Headers.Host = "papers.example.org";

        var feed = await AtomDocument.ReadValidAsync(await app.CreateClient().SendAsync(request, Ct));

        Assert.Equal(Public + "papers.atom", feed.Root!.Text("id"));
    }

    [Fact]
    public async Task SiteBaseUrlWinsOverWhatTheProxyForwards()
    {
        await using var app = await StartAsync(new()
        {
            ["Site:ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["Site:BaseUrl"] = "https://configured.example.org",
        });

        var urls = await AbsoluteUrlsAsync(app.CreateClient(new() { AllowAutoRedirect = false }), Proxy);

        Assert.All(urls, url => Assert.StartsWith("https://configured.example.org/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimitsCountTheClientBehindATrustedProxyAndThePeerOtherwise()
    {
        await using var app = await StartAsync(new()
        {
            ["Site:ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["Mail:SubscribesPerClientPerMinute"] = "1",
        });
        var client = app.CreateClient();

        // Two readers behind the proxy have a subscribe each; the first one's second is refused.
        var first = await SubscribeAsync(client, Proxy, "203.0.113.1");
        var second = await SubscribeAsync(client, Proxy, "203.0.113.2");
        var again = await SubscribeAsync(client, Proxy, "203.0.113.1");
        // A client that talks to the node itself cannot pick a fresh address per request.
        var direct = await SubscribeAsync(client, "198.51.100.9", "203.0.113.3");
        var directAgain = await SubscribeAsync(client, "198.51.100.9", "203.0.113.4");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, again);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, direct);
        Assert.Equal(HttpStatusCode.TooManyRequests, directAgain);
    }

    [Theory]
    [InlineData("Site:ForwardedHeaders:KnownProxies:0", "nginx.local", "KnownProxies holds 'nginx.local'")]
    [InlineData("Site:ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "KnownNetworks holds '10.0.0.0'")]
    [InlineData("Site:ForwardedHeaders:ForwardLimit", "0", "ForwardLimit must be at least 1")]
    public async Task UnusableProxySettingsStopTheSiteAtStartWithTheKeyAndTheValue(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartupChecks.StartAsync(new() { [key] = value }, builder => builder.AddWebShell()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static async Task<AppFactory> StartAsync(Dictionary<string, string?> settings)
    {
        var app = await AppFactory.CreateAsync(Lane.Sqlite, settings, PeerAddress.Register);
        await app.SeedAsync(
            new SeedPaper("2401.00001", "Graph Networks") { PublishedAt = new DateTime(2024, 1, 2) }.On(Day),
            new SeedPaper("2401.00002", "Legged Robots") { PublishedAt = new DateTime(2024, 1, 3) }.On(Day));
        return app;
    }

    /// <summary>Absolute URLs of this site in a feed, an API Link header and the sign-in redirect, asked for through <paramref name="peer"/>.</summary>
    private static async Task<List<string>> AbsoluteUrlsAsync(HttpClient client, string peer)
    {
        var document = await AtomDocument.ReadValidAsync(await SendAsync(client, "/papers/date/2024-03-01.atom", peer));
        List<string> urls = [document.Root!.Text("id"), .. document.Entries().Select(e => e.Text("id"))];
        urls.AddRange(document.Descendants(AtomDocument.Atom + "link").Select(l => (string)l.Attribute("href")!)
            .Where(url => !url.StartsWith("https://arxiv.org/", StringComparison.Ordinal)));
        var links = (await SendAsync(client, "/api/daily_papers?date=2024-03-01&limit=1", peer)).Links();
        Assert.NotEmpty(links);
        urls.AddRange(links.Values);
        using var settings = Request("/settings", peer);
        var redirect = await client.SendAsync(settings, Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        urls.Add(redirect.Headers.Location!.ToString());
        return urls;
    }

    private static HttpRequestMessage Request(string path, string peer, string forwardedHost = "papers.example.org")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", "203.0.113.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string peer)
    {
        using var request = Request(path, peer);
        var response = await client.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return response;
    }

    private static async Task<HttpStatusCode> SubscribeAsync(HttpClient client, string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("email", $"reader-{Guid.NewGuid():N}@example.org")]),
        };
        request.Headers.Add(PeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request, Ct)).StatusCode;
    }
}
