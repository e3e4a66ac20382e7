using System.Globalization;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

/// <summary>How the harvest treats a site that asks it to slow down; waits go through a manual clock.</summary>
public sealed class HarvestThrottlingTests
{
    private const string ThrottledQuery = "verb=ListRecords&metadataPrefix=arXiv&from=2024-05-01&until=2024-05-02";
    private static readonly ArxivHarvestRequest ThrottledRequest = new(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2), Format: "arXiv");

    private static Dictionary<string, string> RetryAfter(string value) => new() { ["Retry-After"] = value };

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task A503WithRetryAfterIsWaitedOutOnTheClockThenTheSameRequestIsRepeated(Lane lane)
    {
        var clock = new ManualClock();
        await using var rig = await HarvestRig.StartAsync(lane, clock);
        // arXiv's throttling answer as recorded: 503, Retry-After in seconds, a small HTML page.
        rig.Server.On("/oai2", ThrottledQuery)
            .RespondFile("arxiv-oai/throttled-503.html", "text/html", 503, RetryAfter("10"))
            .RespondFile("arxiv-oai/throttled-ListRecords-arXiv.xml");

        var harvest = rig.HarvestArxivAsync(ThrottledRequest);
        await clock.WaitUntilAskedAsync(TimeSpan.FromSeconds(10));

        Assert.Single(rig.Server.Requests);
        Assert.False(harvest.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        var result = await harvest;

        Assert.Equal(2, rig.Server.Requests.Count);
        Assert.Equal(rig.Server.Requests[0].Query, rig.Server.Requests[1].Query);
        Assert.Equal([TimeSpan.FromSeconds(10)], clock.Waits);
        Assert.Equal(3, result.Papers);
        var notice = Assert.Single(rig.Events.Of<HarvestNotice>());
        Assert.Equal("HTTP 503 Service Unavailable from 127.0.0.1: retrying in 10 s as the server asked (retry 1 of 5)", notice.Message);
        var maldacena = await rig.App.WithDbAsync(db => db.Papers.Include(p => p.Authors).ThenInclude(a => a.Author)
            .SingleAsync(p => p.ArxivId == "hep-th/9711200", TestContext.Current.CancellationToken));
        Assert.Equal("Juan M. Maldacena", Assert.Single(maldacena.Authors).Author!.Name);
        Assert.Equal(new DateTime(1997, 11, 27), maldacena.PublishedAt!.Value, TimeSpan.Zero);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARetryAfterDateIsMeasuredAgainstTheInjectedClock(Lane lane)
    {
        var clock = new ManualClock();
        await using var rig = await HarvestRig.StartAsync(lane, clock);
        var retryAt = clock.GetUtcNow().AddSeconds(20).ToString("r", CultureInfo.InvariantCulture);
        rig.Server.On("/oai2", ThrottledQuery)
            .Respond(503, "Retry later", headers: RetryAfter(retryAt))
            .RespondFile("arxiv-oai/throttled-ListRecords-arXiv.xml");

        var harvest = rig.HarvestArxivAsync(ThrottledRequest);
        await clock.WaitUntilAskedAsync(TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(20));
        await harvest;

        Assert.Equal([TimeSpan.FromSeconds(20)], clock.Waits);
        Assert.Equal(2, rig.Server.Requests.Count);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ThrottlingThatDoesNotEndGivesUpAfterTheRetryLimit(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane, settings: new() { ["Harvest:MaxRetries"] = "2" });
        rig.Server.On("/oai2").Respond(503, "Retry after 0 seconds", headers: RetryAfter("0"));

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(ThrottledRequest));

        Assert.Equal(3, rig.Server.Requests.Count);
        Assert.EndsWith("HTTP 503 Service Unavailable; gave up after 3 tries (Harvest:MaxRetries is 2).", error.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARetryAfterLongerThanTheLimitStopsWithAMessageInsteadOfHanging(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/oai2").Respond(503, "Retry after an hour", headers: RetryAfter("3600"));

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(ThrottledRequest));

        Assert.Single(rig.Server.Requests);
        Assert.Contains("asks to wait 3600 s, longer than Harvest:MaxRetryAfter (600 s)", error.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnErrorThatRetryingCannotFixStopsAtOnceWithWhatTheServerSaid(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/oai2").Respond(403, "Forbidden: automated access blocked", "text/plain");

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(ThrottledRequest));

        Assert.Single(rig.Server.Requests);
        Assert.EndsWith("answered HTTP 403 Forbidden: Forbidden: automated access blocked", error.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PagesAreFetchedAPolitenessDelayApart(Lane lane)
    {
        var clock = new ManualClock();
        await using var rig = await HarvestRig.StartAsync(lane, clock, new() { ["Harvest:PolitenessDelay"] = "00:00:03" });
        rig.Server.On("/oai2", "verb=ListRecords&from=2024-03-01").RespondFile("arxiv-oai/chain-page1-ListRecords-arXivRaw.xml");
        rig.Server.On("/oai2", "resumptionToken=6843216|1001").RespondFile("arxiv-oai/chain-page3-ListRecords-arXivRaw.xml");

        var harvest = rig.HarvestArxivAsync(new ArxivHarvestRequest(new DateOnly(2024, 3, 1)));
        await clock.WaitUntilAskedAsync(TimeSpan.FromSeconds(3));

        Assert.Single(rig.Server.Requests);
        clock.Advance(TimeSpan.FromSeconds(3));
        await harvest;
        Assert.Equal(2, rig.Server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], clock.Waits);
    }
}
