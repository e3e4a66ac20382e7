using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;

namespace DailyPapers.Tests.Web;

public sealed class SecurityHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One address of each kind of response: pages, API, feeds, static files, errors, cache hits.</summary>
    private static readonly (string Method, string Path, bool Html)[] Requests =
    [
        ("GET", "/", true),
        ("GET", "/", true), // the second one comes from the page cache
        ("HEAD", "/", true),
        ("GET", "/papers/date/2024-03-01", true),
        ("GET", "/papers/2401.00001", true),
        ("GET", "/authors/Ada%20Lovelace", true),
        ("GET", "/search?q=networks", true),
        ("GET", "/subscribe", true),
        ("GET", "/favicon.svg", false),
        ("GET", "/api/daily_papers?date=2024-03-01", false),
        ("GET", "/api/papers/2401.00001", false),
        ("GET", "/api/papers/search?q=networks", false),
        ("GET", "/papers.atom", false),
        ("GET", "/papers/date/2024-03-01.atom", false),
        ("GET", "/openapi/v1.json", false),
        ("GET", "/healthz", false),
        ("GET", SiteAssets.Stylesheet, false),
        ("GET", "/no/such/page", true),
        ("GET", "/no/such/page", false),
        ("GET", "/api/no-such-endpoint", false),
        ("GET", "/api/daily_papers?date=2024-02-30", false),
        ("GET", "/papers/not-an-id", true),
        ("POST", "/papers.atom", false),
    ];

    [Fact]
    public async Task EveryKindOfResponseCarriesTheSecurityHeadersAndNoHstsOverPlainHttp()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        await app.SeedAsync(new SeedPaper("2401.00001", "Graph Networks").On(new DateOnly(2024, 3, 1)));

        foreach (var (method, path, response) in await SendAllAsync(app.CreateClient()))
        {
            var what = $"{method} {path} ({(int)response.StatusCode})";
            HasHeader(response, "X-Content-Type-Options", ["nosniff"], what);
            HasHeader(response, "Content-Security-Policy", [SecurityHeaders.SitePolicy], what);
            HasHeader(response, "Referrer-Policy", ["strict-origin-when-cross-origin"], what);
            HasHeader(response, "X-Frame-Options", ["DENY"], what);
            HasHeader(response, "Strict-Transport-Security", [], what);
            response.Dispose();
        }
    }

    [Fact]
    public async Task BehindAnHttpsAddressEveryResponseAsksForHttpsFromNowOn()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Site:BaseUrl"] = "https://papers.example.org" });
        await app.SeedAsync(new SeedPaper("2401.00001", "Graph Networks").On(new DateOnly(2024, 3, 1)));

        foreach (var (method, path, response) in await SendAllAsync(app.CreateClient()))
        {
            HasHeader(response, "Strict-Transport-Security", [SecurityHeaders.StrictTransportSecurity], $"{method} {path} ({(int)response.StatusCode})");
            response.Dispose();
        }
    }

    [Fact]
    public async Task InDevelopmentHttpsGetsNoHsts()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, new()
        {
            ["Site:BaseUrl"] = "https://papers.example.org",
            ["environment"] = "Development",
        });

        using var response = await app.CreateClient().GetAsync("/", Ct);

        Assert.Equal([SecurityHeaders.SitePolicy], Values(response, "Content-Security-Policy"));
        Assert.Equal([], Values(response, "Strict-Transport-Security"));
    }

    private static async Task<List<(string Method, string Path, HttpResponseMessage Response)>> SendAllAsync(HttpClient client)
    {
        var responses = new List<(string, string, HttpResponseMessage)>();
        foreach (var (method, path, html) in Requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (html)
            {
                request.Headers.Accept.ParseAdd("text/html");
            }
            responses.Add((method, path, await client.SendAsync(request, Ct)));
        }
        return responses;
    }

    private static void HasHeader(HttpResponseMessage response, string header, string[] expected, string what)
    {
        var values = Values(response, header);
        Assert.True(values.SequenceEqual(expected), $"{what}: {header} [{string.Join(", ", values)}]");
    }

    private static List<string> Values(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var found) ? [.. found] : [];
}
