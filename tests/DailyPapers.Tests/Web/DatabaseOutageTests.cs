using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Web;

/// <summary>
/// A PostgreSQL restart while the site serves: requests meanwhile get 503 with Retry-After (an HTML
/// page for pages, problem details for the API), never a 500, and once the server is back the
/// same node answers 200 again without being restarted.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public async Task WhilePostgresIsDownPagesAndApiAnswer503WithRetryAfterAndRecoverWhenItIsBack()
    {
        await using var postgres = await ThrowawayPostgres.StartNewAsync();
        await using var database = await TestDatabase.CreateOnServerAsync(postgres.Server);
        await using var app = await AppFactory.CreateOnAsync(database, new() { ["DemoData:Enabled"] = "false" });
        await app.SeedAsync(
            new SeedPaper("2401.00001", "Graph Networks").On(Day),
            new SeedPaper("2401.00002", "Legged Robots").On(Day),
            new SeedPaper("2401.00003", "Sparse Attention").On(Day));
        var client = app.CreateClient();
        // Before: a page and an API answer, so the pool holds connections that the stop will break.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/papers/2401.00001", html: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/api/papers/2401.00001", html: false)).StatusCode);

        await postgres.StopAsync();

        // Addresses the page cache has not seen, so each request reaches the database.
        var page = await GetAsync(client, "/papers/2401.00002", html: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), page.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cannot reach its database", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var api = await GetAsync(client, "/api/papers/2401.00002", html: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), api.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await api.JsonAsync()).GetProperty("status").GetInt32());
        // Alive, but not to be sent traffic, and the probe says why.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz", html: false)).StatusCode);
        var readiness = await GetAsync(client, "/readyz", html: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.Contains("database: FAILED, unreachable (Postgres)", await readiness.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await postgres.StartAsync();

        // The node comes back by itself: the pool replaces the broken connections.
        Assert.Equal(HttpStatusCode.OK, await FirstAnswerOtherThan503Async(client, "/papers/2401.00002", html: true));
        Assert.Equal(HttpStatusCode.OK, await FirstAnswerOtherThan503Async(client, "/api/papers/2401.00003", html: false));
        Assert.Equal(HttpStatusCode.OK, await FirstAnswerOtherThan503Async(client, "/readyz", html: false));
    }

    /// <summary>Asks until the answer is not a 503 (a connection broken by the restart may fail one more request), for at most 30 seconds.</summary>
    private static async Task<HttpStatusCode> FirstAnswerOtherThan503Async(HttpClient client, string path, bool html)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = (await GetAsync(client, path, html)).StatusCode;
            if (status != HttpStatusCode.ServiceUnavailable || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return status;
            }
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, bool html)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(html ? "text/html" : "application/json"));
        return await client.SendAsync(request, Ct);
    }
}
