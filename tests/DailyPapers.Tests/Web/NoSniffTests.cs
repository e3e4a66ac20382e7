using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;

namespace DailyPapers.Tests.Web;

public sealed class NoSniffTests
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
    public async Task EveryKindOfResponseTellsBrowsersNotToSniffItsType()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        await app.SeedAsync(new SeedPaper("2401.00001", "Graph Networks").On(new DateOnly(2024, 3, 1)));
        var client = app.CreateClient();

        foreach (var (method, path, html) in Requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (html)
            {
                request.Headers.Accept.ParseAdd("text/html");
            }
            using var response = await client.SendAsync(request, Ct);

            var values = response.Headers.TryGetValues("X-Content-Type-Options", out var found) ? found.ToList() : [];
            Assert.True(values is ["nosniff"], $"{method} {path} ({(int)response.StatusCode}): X-Content-Type-Options [{string.Join(", ", values)}]");
        }
    }
}
