using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Papers;

/// <summary>
/// Id-shaped text that is not an id (a version past any integer, digits from another script) reaches
/// every route that reads an arXiv id: each answers 400 or 404 with a reason, and search treats it as text.
/// </summary>
public sealed class HostileIdRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Path, string Reason)[] Ids =
    [
        ("2405.15738v99999999999", "out of range"),
        ("2405.15738v0", "out of range"),
        ("2405.15738v%D9%A3", "not ASCII digits"),
        ("%D9%A2%D9%A4%D9%A0%D9%A5.15738", "not ASCII digits"),
        ("hep-th/9901001v99999999999", "out of range"),
    ];

    public static TheoryData<Lane, string, string> HostileIds()
    {
        var data = new TheoryData<Lane, string, string>();
        foreach (var lane in new[] { Lane.Sqlite, Lane.Postgres })
        {
            foreach (var (path, reason) in Ids)
            {
                data.Add(lane, path, reason);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(HostileIds))]
    public async Task ThePaperRoutesAnswerABadIdWithAReasonNeverA500(Lane lane, string id, string reason)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2405.15738", "ConvLLaVA"), new SeedPaper("hep-th/9901001", "Old style"));
        var client = app.CreateClient();

        var api = await (await client.GetAsync("/api/papers/" + id, Ct)).AssertProblemAsync(400);
        Assert.Contains(reason, api.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var similar = await (await client.GetAsync($"/api/papers/{id}/similar", Ct)).AssertProblemAsync(400);
        Assert.Contains(reason, similar.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (response, page) = await HtmlPage.GetAsync(client, "/papers/" + id);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(reason, page.QuerySelector(".error-message")!.Text(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task EverySearchSurfaceTreatsABadIdAsPlainText(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2405.15738", "ConvLLaVA"));
        var client = app.CreateClient();

        foreach (var (id, _) in Ids)
        {
            foreach (var path in new[] { "/search?q=", "/papers?q=", "/api/papers/search?q=", "/papers/search.atom?q=" })
            {
                using var response = await client.GetAsync(path + id, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}{id} answered {(int)response.StatusCode}");
            }
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheHighestAcceptedVersionStillFindsThePaper(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2405.15738", "ConvLLaVA"));

        var (response, body) = await app.CreateClient().GetJsonAsync("/api/papers/2405.15738v999");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2405.15738", body.GetProperty("id").GetString());
    }
}
