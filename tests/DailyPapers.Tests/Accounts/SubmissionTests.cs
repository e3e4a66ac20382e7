using System.Net;
using System.Net.Http.Json;
using DailyPapers.Accounts;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Accounts;

/// <summary>Members submit papers by arXiv id or URL: known ones go on today's page, unknown ones are fetched from (a replay of) the arXiv API.</summary>
public sealed class SubmissionTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string RecordedId = "1707.08567";

    private async Task<AccountRig> RigAsync(Lane lane, ReplayServer arxiv, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Harvest:ArxivApiUrl"] = arxiv.Url("api/query"),
            ["Harvest:PolitenessDelay"] = "00:00:00",
            ["Harvest:MaxRetries"] = "0",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return await AccountRig.CreateAsync(lane, smtp, settings);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnUnknownPaperIsFetchedFromArxivAndPutOnTodaysPageUnderTheMembersName(Lane lane)
    {
        await using var arxiv = await ReplayServer.StartAsync();
        var (_, _, body) = Fixtures.Unwrap("arxiv-atom/arxivpy__id_1707.08567_s0_m100_6a1afebfc6a3.json");
        arxiv.On("/api/query", "id_list=" + RecordedId).Respond(200, body, "application/atom+xml");
        // The recording is from 2017; this test is about fetching, the day rule has its own test.
        await using var rig = await RigAsync(lane, arxiv, new() { ["Accounts:SubmitWithinDays"] = "36500" });
        var name = AccountRig.UniqueName("submitter");
        var member = await rig.ConfirmedMemberAsync(name);

        var (submitted, _) = await AccountRig.SubmitAsync(member, "/submit", "/submit", new() { ["arxivId"] = "https://arxiv.org/abs/" + RecordedId + "v1" });

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/papers/" + RecordedId, submitted.Headers.Location!.OriginalString);
        var entry = await rig.App.WithDbAsync(db => db.DailyEntries.Include(e => e.Paper).SingleAsync(Ct));
        Assert.Equal((DateOnly.FromDateTime(rig.Now), name, Submissions.Source), (entry.Day, entry.SubmittedBy, entry.Source));
        Assert.Equal("Proceedings of Workshop AEW10: Concepts in Information Theory and Communications", entry.Paper!.Title);
        var (_, paperPage) = await HtmlPage.GetAsync(rig.NewVisitor(), "/papers/" + RecordedId);
        Assert.Equal("/users/" + name, paperPage.QuerySelector(".featured-days .submitter a")!.GetAttribute("href"));
        var (_, dayPage) = await HtmlPage.GetAsync(rig.NewVisitor(), "/papers/date/" + DateOnly.FromDateTime(rig.Now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(name, dayPage.QuerySelector(".card .submitter")!.TextContent, StringComparison.Ordinal);
        var (_, profile) = await HtmlPage.GetAsync(rig.NewVisitor(), "/users/" + name);
        Assert.Contains("Proceedings of Workshop AEW10", profile.QuerySelector("#profile-submitted + ul")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRulesOnceWithinTheWindowAndConfirmedAccountsAreKeptWithClearMessages()
    {
        await using var arxiv = await ReplayServer.StartAsync();
        await using var rig = await RigAsync(Lane.Sqlite, arxiv);
        await rig.App.SeedAsync(
            new SeedPaper("2412.00001", "Fresh paper") { PublishedAt = rig.Now.AddDays(-3) },
            new SeedPaper("2411.00002", "Old paper") { PublishedAt = rig.Now.AddDays(-30) });
        var member = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("rules"));
        var other = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("second"));

        var (fresh, _) = await AccountRig.SubmitAsync(member, "/submit", "/submit", new() { ["arxivId"] = "2412.00001" });
        var (twice, twicePage) = await AccountRig.SubmitAsync(other, "/submit", "/submit", new() { ["arxivId"] = "2412.00001" });
        var (old, oldPage) = await AccountRig.SubmitAsync(member, "/submit", "/submit", new() { ["arxivId"] = "2411.00002" });
        var (junk, junkPage) = await AccountRig.SubmitAsync(member, "/submit", "/submit", new() { ["arxivId"] = "not a paper" });

        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("submitted once", twicePage.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("within 14 days", oldPage.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Contains("not an arXiv id", junkPage.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(arxiv.Requests);

        var unconfirmed = rig.NewVisitor();
        var name = AccountRig.UniqueName("pending");
        await rig.SignUpAsync(unconfirmed, name, AccountRig.AddressOf(name));
        await AccountRig.SignInAsync(unconfirmed, name);
        var (refused, _) = await AccountRig.SubmitAsync(unconfirmed, "/submit", "/submit", new() { ["arxivId"] = "2411.00002" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.DailyEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task WhenArxivCannotBeReachedTheMemberIsToldAndNothingIsStored()
    {
        await using var arxiv = await ReplayServer.StartAsync();
        arxiv.On("/api/query").Respond(503, "down for maintenance");
        await using var rig = await RigAsync(Lane.Sqlite, arxiv);
        var member = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("offline"));

        var (response, page) = await AccountRig.SubmitAsync(member, "/submit", "/submit", new() { ["arxivId"] = "2412.09999" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Nothing was stored", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.Papers.CountAsync(Ct)));
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.DailyEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task TheHuggingFacePathTakesAnIdWithAToken()
    {
        await using var arxiv = await ReplayServer.StartAsync();
        await using var rig = await RigAsync(Lane.Sqlite, arxiv);
        await rig.App.SeedAsync(new SeedPaper("2412.00003", "API paper") { PublishedAt = rig.Now.AddDays(-1) });
        var api = rig.WithToken(await AccountRig.CreateTokenAsync(await rig.ConfirmedMemberAsync(AccountRig.UniqueName("api"))));

        var anonymous = await rig.NewVisitor().PostAsJsonAsync("/api/papers/index", new { arxivId = "2412.00003" }, Ct);
        var garbled = await api.PostAsync("/api/papers/index", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);
        var accepted = await api.PostAsJsonAsync("/api/papers/index", new { arxivId = "2412.00003" }, Ct);
        var again = await api.PostAsJsonAsync("/api/papers/index", new { arxivId = "2412.00003" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<SubmitResult>(Ct))!.Accepted);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }
}
