using System.Diagnostics;
using System.Net;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Health;

/// <summary>
/// <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>: readiness follows the database and the
/// search indexes' lag; metrics are Prometheus text for loopback and configured networks only.
/// </summary>
public sealed class HealthEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public async Task ANodeIsReadyOnceItsIndexesAreBuiltAndNotWhileOneWaitsLongerThanAllowed()
    {
        // The index job's first round builds the indexes; later rounds wait an hour, so the test decides when the index catches up.
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Search:RefreshInterval"] = "01:00:00" });
        await app.SeedAsync(new SeedPaper("2401.00001", "Graph Networks").On(Day));
        await app.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(Ct);
        var client = app.CreateClient();

        var ready = await ReadinessAsync(client, HttpStatusCode.OK);
        Assert.StartsWith("ready\n", ready, StringComparison.Ordinal);
        Assert.Contains("database: ok, Sqlite", ready, StringComparison.Ordinal);
        Assert.Contains("keyword index: ok, current", ready, StringComparison.Ordinal);

        // A change the index has not taken in, made long ago (seeded times are in 2024): older than the 2 minutes allowed.
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var seq = await ChangeSequence.NextAsync(db, Ct);
            await db.Papers.ExecuteUpdateAsync(p => p.SetProperty(x => x.ChangeSeq, seq), Ct);
            await transaction.CommitAsync(Ct);
        });
        var behind = await ReadinessAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("not ready\n", behind, StringComparison.Ordinal);
        Assert.Contains("keyword index: FAILED, 1 changes behind", behind, StringComparison.Ordinal);

        await app.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(Ct);
        Assert.StartsWith("ready\n", await ReadinessAsync(client, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal("ok", await client.GetStringAsync("/healthz", Ct));
    }

    [Fact]
    public async Task MetricsArePrometheusTextWithRequestDurationsPerRouteAndTheSitesOwnGauges()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, services: PeerAddress.Register);
        await app.SeedAsync(new SeedPaper("2401.00001", "Graph Networks").On(Day));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/papers/2401.00001", Ct)).StatusCode);

        var text = await ScrapeUntilAsync(client, "dailypapers_outbox_depth");

        Assert.Matches("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/papers/\\{", text);
        Assert.Contains("dailypapers_outbox_depth", text, StringComparison.Ordinal);
        Assert.Contains("dailypapers_embedding_backlog", text, StringComparison.Ordinal);
        Assert.Contains("dailypapers_database_up", text, StringComparison.Ordinal);
        Assert.Matches("dailypapers_search_lag[^\\n]*index=\"keyword\"", text);
        Assert.Matches("dailypapers_job_runs_total\\{[^}]*job=\"search-index\"", text);
    }

    [Theory]
    [InlineData("198.51.100.9", false, null)]
    [InlineData("127.0.0.1", true, null)]
    [InlineData("::1", true, null)]
    [InlineData("10.1.2.3", true, "10.0.0.0/8")]
    [InlineData("10.1.2.3", false, "10.9.0.0/16")]
    public async Task MetricsAnswerOnlyLoopbackAndConfiguredNetworks(string peer, bool allowed, string? network)
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Health:MetricsNetworks:0"] = network }, PeerAddress.Register);

        var answer = await MetricsAsync(app.CreateClient(), peer);

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, answer.StatusCode);
    }

    [Fact]
    public async Task AProxyOnTheSameMachineDoesNotOpenTheMetricsToItsClients()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, services: PeerAddress.Register);

        var answer = await MetricsAsync(app.CreateClient(), "127.0.0.1", forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    private static async Task<HttpResponseMessage> MetricsAsync(HttpClient client, string peer, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(PeerAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Scrapes until the text holds <paramref name="expected"/> (the exporter collects on its own schedule), for at most 30 s.</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, string expected)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await MetricsAsync(client, "127.0.0.1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if ((text.Contains(expected, StringComparison.Ordinal) && text.Contains("http_route=\"/papers/", StringComparison.Ordinal)) || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return text;
            }
            await Task.Delay(500, Ct);
        }
    }

    /// <summary>Asks <c>/readyz</c> until it answers <paramref name="status"/> (the snapshot is at most a second old), for at most 30 s.</summary>
    private static async Task<string> ReadinessAsync(HttpClient client, HttpStatusCode status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync("/readyz", Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode == status || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.True(response.StatusCode == status, body);
                return body;
            }
            await Task.Delay(250, Ct);
        }
    }
}
