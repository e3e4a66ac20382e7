using System.Text.Json;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

public sealed class ArxivHarvesterTests
{
    private static readonly DateOnly March1 = new(2024, 3, 1);

    /// <summary>The recorded three-page list asked for with <c>from=2024-03-01</c>.</summary>
    private static void ServeChain(ReplayServer server)
    {
        server.On("/oai2", "verb=ListRecords&metadataPrefix=arXivRaw&from=2024-03-01").RespondFile("arxiv-oai/chain-page1-ListRecords-arXivRaw.xml");
        server.On("/oai2", "verb=ListRecords&resumptionToken=6843216|1001").RespondFile("arxiv-oai/chain-page2-ListRecords-arXivRaw.xml");
        server.On("/oai2", "verb=ListRecords&resumptionToken=6843216|2001").RespondFile("arxiv-oai/chain-page3-ListRecords-arXivRaw.xml");
    }

    private static readonly string[] ChainPapers =
        ["0704.0001", "0704.0002", "0704.0003", "0704.0004", "0704.0006", "0704.0007", "0704.0008", "0704.0009"];

    private static Task<List<string>> StoredIdsAsync(HarvestRig rig) =>
        rig.App.WithDbAsync(db => db.Papers.OrderBy(p => p.ArxivId).Select(p => p.ArxivId).ToListAsync(TestContext.Current.CancellationToken));

    private static Task<OaiHarvestCursor?> CursorAsync(HarvestRig rig, string key = "harvest:arxiv:oai") =>
        rig.App.WithDbAsync(async db =>
        {
            var row = await db.JobCursors.SingleOrDefaultAsync(c => c.Name == key, TestContext.Current.CancellationToken);
            return row is null ? null : JsonSerializer.Deserialize<OaiHarvestCursor>(row.Value, JsonSerializerOptions.Web);
        });

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HarvestsAWholeListAlongItsResumptionTokensAndStoresTheWatermark(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        ServeChain(rig.Server);

        var result = await rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1));

        var requests = rig.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal("?verb=ListRecords&metadataPrefix=arXivRaw&from=2024-03-01", requests[0].Query);
        // A resumption token is an exclusive argument: nothing else goes with it.
        Assert.Equal("?verb=ListRecords&resumptionToken=6843216%7C1001", requests[1].Query);
        Assert.Equal("6843216|2001", requests[2]["resumptionToken"]);
        Assert.All(requests, r => Assert.StartsWith("DailyPapers/", r.UserAgent, StringComparison.Ordinal));

        Assert.Equal(new ArxivHarvestResult(3, 8, 1, 1, result.Written, new DateOnly(2024, 3, 6)), result);
        Assert.Equal(8, result.Written.Inserted);
        Assert.Equal(ChainPapers, await StoredIdsAsync(rig));
        Assert.Equal(new OaiHarvestCursor(new DateOnly(2024, 3, 6), null), await CursorAsync(rig));

        var pages = rig.Events.Of<PageHarvested>().ToList();
        Assert.Equal([3, 2, 3], pages.Select(p => p.Papers));
        Assert.Equal([3L, 5L, 8L], pages.Select(p => p.TotalPapers));
        Assert.All(pages, p => Assert.Equal(10, p.Expected));
        var skipped = Assert.Single(rig.Events.Of<RecordSkipped>());
        Assert.Equal(new RecordSkipped("arXivRaw page 2:29", "0704.0005: record has no title"), skipped);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HarvestedPapersCarryTheirVersionsAuthorsAndDates(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        ServeChain(rig.Server);

        await rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1));

        var paper = await rig.App.WithDbAsync(db => db.Papers.AsNoTracking()
            .Include(p => p.Authors).ThenInclude(a => a.Author)
            .SingleAsync(p => p.ArxivId == "0704.0001", TestContext.Current.CancellationToken));
        Assert.Equal(2, paper.Version);
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", paper.Title);
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"], paper.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name));
        Assert.Equal(new DateTime(2007, 4, 2, 19, 18, 42), paper.PublishedAt!.Value, TimeSpan.Zero);
        Assert.Equal(new DateTime(2007, 7, 24, 20, 10, 27), paper.UpdatedAt!.Value, TimeSpan.Zero);
        Assert.Equal("hep-ph", paper.Categories);
        Assert.Equal("10.1103/PhysRevD.76.013009", paper.Doi);
        Assert.Equal("Phys.Rev.D76:013009,2007", paper.JournalRef);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARerunAsksForRecordsFromTheStoredDatestamp(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        ServeChain(rig.Server);
        rig.Server.On("/oai2", "verb=ListRecords&from=2024-03-06").RespondFile("arxiv-oai/saelim__ErrorResponseNoRecordsMatch.xml");
        await rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1));

        var rerun = await rig.HarvestArxivAsync(new ArxivHarvestRequest());

        var request = rig.Server.Requests[^1];
        Assert.Equal("2024-03-06", request["from"]);
        Assert.Equal("arXivRaw", request["metadataPrefix"]);
        Assert.Null(request["resumptionToken"]);
        // Nothing new is an empty result, not a failure, and the watermark stays.
        Assert.Equal(new ArxivHarvestResult(1, 0, 0, 0, WriteResult.None, new DateOnly(2024, 3, 6)), rerun);
        Assert.Equal(new OaiHarvestCursor(new DateOnly(2024, 3, 6), null), await CursorAsync(rig));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AFirstHarvestWithoutFromAsksForADayInsteadOfFetchingAllOfArxiv(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(new ArxivHarvestRequest()));

        Assert.Contains("give --from DAY", error.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Server.Requests);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASetHasItsOwnCursorAndGoesIntoTheRequest(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/oai2", "verb=ListRecords&set=physics:hep-th").RespondFile("arxiv-oai/throttled-ListRecords-arXiv.xml");

        var result = await rig.HarvestArxivAsync(new ArxivHarvestRequest(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2), "physics:hep-th", "arXiv"));

        Assert.Equal("?verb=ListRecords&metadataPrefix=arXiv&from=2024-05-01&until=2024-05-02&set=physics%3Ahep-th", rig.Server.Requests.Single().Query);
        Assert.Equal(3, result.Papers);
        Assert.Equal(new OaiHarvestCursor(new DateOnly(2024, 5, 2), null), await CursorAsync(rig, "harvest:arxiv:oai:physics:hep-th"));
        Assert.Null(await CursorAsync(rig));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AKilledHarvestResumesAfterTheLastCommittedPage(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        ServeChain(rig.Server);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // The first time page 3 is asked for, the harvest is killed while it waits for the answer.
        rig.Server.On("/oai2", "resumptionToken=6843216|2001")
            .Respond(async context =>
            {
                await kill.CancelAsync();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            })
            .RespondFile("arxiv-oai/chain-page3-ListRecords-arXivRaw.xml");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1), kill.Token));

        Assert.Equal(["0704.0001", "0704.0002", "0704.0003", "0704.0004", "0704.0006"], await StoredIdsAsync(rig));
        var stopped = await CursorAsync(rig);
        Assert.Null(stopped!.Datestamp);
        Assert.Equal(new PendingList(March1, null, "arXivRaw", "6843216|2001", new DateOnly(2024, 3, 6), 2, 7), stopped.Pending);

        var before = rig.Server.Requests.Count;
        var resumed = await rig.HarvestArxivAsync(new ArxivHarvestRequest());

        var resumedRequests = rig.Server.Requests.Skip(before).ToList();
        Assert.Equal("6843216|2001", Assert.Single(resumedRequests)["resumptionToken"]);
        Assert.Equal(3, resumed.Papers);
        Assert.Equal(ChainPapers, await StoredIdsAsync(rig));
        // The watermark covers the whole list, including what the killed run saw.
        Assert.Equal(new OaiHarvestCursor(new DateOnly(2024, 3, 6), null), await CursorAsync(rig));
        Assert.Contains(rig.Events.Of<HarvestNotice>(), n => n.Message.StartsWith("Resuming the interrupted harvest from 2024-03-01 after page 2", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AStoredTokenThatExpiredRestartsTheListFromItsBeginning(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane, settings: new() { ["Harvest:MaxRetries"] = "0" });
        ServeChain(rig.Server);
        rig.Server.On("/oai2", "resumptionToken=6843216|2001")
            .Respond(500, "Internal Server Error")
            .RespondFile("arxiv-oai/saelim__ErrorResponseBadResumptionToken.xml")
            .RespondFile("arxiv-oai/chain-page3-ListRecords-arXivRaw.xml");
        var failed = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1)));
        Assert.Contains("HTTP 500", failed.Message, StringComparison.Ordinal);
        Assert.Equal("6843216|2001", (await CursorAsync(rig))!.Pending!.Token);

        var before = rig.Server.Requests.Count;
        var restarted = await rig.HarvestArxivAsync(new ArxivHarvestRequest());

        var asked = rig.Server.Requests.Skip(before).Select(r => r["resumptionToken"] ?? "from=" + r["from"]);
        Assert.Equal(["6843216|2001", "from=2024-03-01", "6843216|1001", "6843216|2001"], asked);
        Assert.Equal(8, restarted.Papers);
        Assert.Equal(3, restarted.Pages);
        Assert.Equal(ChainPapers, await StoredIdsAsync(rig));
        Assert.Equal(new OaiHarvestCursor(new DateOnly(2024, 3, 6), null), await CursorAsync(rig));
        Assert.Contains(rig.Events.Of<HarvestNotice>(), n => n.Message.Contains("restarting the list from 2024-03-01", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ATokenRefusedInTheMiddleOfAListStopsWithTheCodeAndKeepsWhatWasCommitted(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        ServeChain(rig.Server);
        rig.Server.On("/oai2", "resumptionToken=6843216|1001").RespondFile("arxiv-oai/saelim__ErrorResponseBadResumptionToken.xml");

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1)));

        Assert.Equal("badResumptionToken", error.OaiErrorCode);
        Assert.Equal("arXiv refused arXivRaw page 2: OAI-PMH error badResumptionToken: The resumptionToken supplied is illegal for this repository. " +
            "The token expired or the list changed; run again with --from DAY to restart the list.", error.Message);
        Assert.Equal(["0704.0001", "0704.0002", "0704.0003"], await StoredIdsAsync(rig));
        Assert.Equal("6843216|1001", (await CursorAsync(rig))!.Pending!.Token);
    }

    public static TheoryData<Lane, string, string, string> ProtocolErrors()
    {
        var data = new TheoryData<Lane, string, string, string>();
        foreach (var lane in new[] { Lane.Sqlite, Lane.Postgres })
        {
            data.Add(lane, "saelim__ErrorResponseBadArgument.xml", "badArgument", "Check --from/--until");
            data.Add(lane, "saelim__ErrorResponseBadVerb.xml", "badVerb", "Bad verb. Verb 'wah' not implemented.");
            data.Add(lane, "saelim__ErrorResponseIdDoesNotExist.xml", "idDoesNotExist", "does not correspond to an item");
        }
        return data;
    }

    [Theory, MemberData(nameof(ProtocolErrors))]
    public async Task ProtocolErrorsStopTheHarvestWithTheirCode(Lane lane, string fixture, string code, string expected)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/oai2").RespondFile("arxiv-oai/" + fixture);

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1)));

        Assert.Equal(code, error.OaiErrorCode);
        Assert.Contains("OAI-PMH error " + code, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(await CursorAsync(rig));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APageThatIsNotXmlStopsTheHarvestAndStoresNothingOfIt(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        ServeChain(rig.Server);
        var page2 = Fixtures.Bytes("arxiv-oai/chain-page2-ListRecords-arXivRaw.xml");
        rig.Server.On("/oai2", "resumptionToken=6843216|1001").Respond(200, page2[..(page2.Length / 2)], "text/xml");

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestArxivAsync(new ArxivHarvestRequest(From: March1)));

        Assert.StartsWith("arXivRaw page 2 (", error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed XML at line", error.Message, StringComparison.Ordinal);
        Assert.Equal(["0704.0001", "0704.0002", "0704.0003"], await StoredIdsAsync(rig));
    }
}
