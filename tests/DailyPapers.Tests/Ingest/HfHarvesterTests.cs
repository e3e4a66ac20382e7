using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

public sealed class HfHarvesterTests
{
    private static readonly DateOnly June23 = new(2025, 6, 23);

    private static readonly string[] June23Papers =
        ["2506.09049", "2506.15925", "2506.16035", "2506.16054", "2506.16406", "2506.16504", "2506.17201", "2506.17206"];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HarvestsADayOfDailyPapersOntoThatDay(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/api/daily_papers", "date=2025-06-23").RespondFile("hf-api/daily_papers__date=2025-06-23.json", "application/json");

        var result = await rig.HarvestHfAsync(June23, June23);

        var request = Assert.Single(rig.Server.Requests);
        Assert.Equal("?date=2025-06-23&limit=100&p=0", request.Query);
        Assert.Equal(new HfHarvestResult(1, 8, 0, new WriteResult(8, 0, 0, 8)), result);
        var entries = await rig.App.WithDbAsync(db => db.DailyEntries.AsNoTracking().Include(e => e.Paper)
            .OrderBy(e => e.Paper!.ArxivId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(June23Papers, entries.Select(e => e.Paper!.ArxivId));
        Assert.All(entries, e =>
        {
            Assert.Equal(June23, e.Day);
            Assert.Equal(HfHarvester.Source, e.Source);
        });
        var dragAndDrop = entries.Single(e => e.Paper!.ArxivId == "2506.16406").Paper!;
        Assert.Equal("Drag-and-Drop LLMs: Zero-Shot Prompt-to-Weights", dragAndDrop.Title);
        Assert.Equal(48, dragAndDrop.Upvotes);
        // The arXiv date and the feed day stay apart.
        Assert.Equal(new DateTime(2025, 6, 19, 15, 38, 21), dragAndDrop.PublishedAt!.Value, TimeSpan.Zero);
        var page = Assert.Single(rig.Events.Of<PageHarvested>());
        Assert.Equal("hf 2025-06-23", page.Label);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARangeAsksForEachDayAndAnEmptyDayIsNoError(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/api/daily_papers", "date=2024-06-02").Respond(200, "[]", "application/json");
        rig.Server.On("/api/daily_papers", "date=2024-06-03").RespondFile("hf-api/daily_papers__date=2024-06-03.json", "application/json");

        var result = await rig.HarvestHfAsync(new DateOnly(2024, 6, 2), new DateOnly(2024, 6, 3));

        Assert.Equal(["2024-06-02", "2024-06-03"], rig.Server.Requests.Select(r => r["date"]));
        Assert.Equal(2, result.Days);
        Assert.Equal(6, result.Papers);
        var days = await rig.App.WithDbAsync(db => db.DailyEntries.Select(e => e.Day).Distinct().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([new DateOnly(2024, 6, 3)], days);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HarvestingTheSameDayAgainAddsNothing(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/api/daily_papers", "date=2025-06-23").RespondFile("hf-api/daily_papers__date=2025-06-23.json", "application/json");
        await rig.HarvestHfAsync(June23, June23);

        var again = await rig.HarvestHfAsync(June23, June23);

        Assert.Equal(0, again.Written.Inserted);
        Assert.Equal(0, again.Written.NewDailyEntries);
        Assert.Equal(8, await rig.App.WithDbAsync(db => db.DailyEntries.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARefusedDayStopsWithWhatTheApiSaid(Lane lane)
    {
        await using var rig = await HarvestRig.StartAsync(lane);
        rig.Server.On("/api/daily_papers").Respond(400, """{"error":"Invalid date"}""", "application/json");

        var error = await Assert.ThrowsAsync<HarvestException>(() => rig.HarvestHfAsync(June23, June23));

        Assert.EndsWith("answered HTTP 400 Bad Request: {\"error\":\"Invalid date\"}", error.Message, StringComparison.Ordinal);
    }
}
