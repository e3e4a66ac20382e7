using DailyPapers.Ingest;
using DailyPapers.Jobs;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Ingest;

/// <summary>The site's scheduled harvests: once per period in the cluster, by whichever node takes the source's lease.</summary>
public sealed class HarvestScheduleJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset June24Morning = new(2025, 6, 24, 9, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TwoNodesCheckingAtOnceHarvestOncePerPeriod(Lane lane)
    {
        var clock = new ManualClock(June24Morning);
        await using var rig = await HarvestRig.StartAsync(lane, clock);
        rig.Server.On("/api/daily_papers", "date=2025-06-23").RespondFile("hf-api/daily_papers__date=2025-06-23.json", "application/json");
        rig.Server.On("/api/daily_papers", "date=2025-06-24").Respond(200, "[]", "application/json");
        await using var otherDisk = rig.App.Database.AnotherNode();
        await using var other = await AppFactory.CreateOnAsync(otherDisk, RigSettings(rig), services: services => services.AddSingleton<TimeProvider>(clock));
        // Each node's job as the site builds it, with the schedule on (the apps themselves run with it off, so nothing runs behind the test).
        var jobs = new[] { ScheduleJob(rig.App, "every 1h"), ScheduleJob(other, "every 1h") };
        Assert.NotEqual(rig.App.Services.GetRequiredService<ClusterJobs>().Owner, other.Services.GetRequiredService<ClusterJobs>().Owner);

        var first = await Task.WhenAll(jobs.Select(job => Task.Run(() => job.RunIfDueAsync(JobNames.HarvestHf, Ct), Ct)));

        Assert.Single(first, ran => ran);
        // Yesterday's list and today's, once.
        Assert.Equal(["2025-06-23", "2025-06-24"], rig.Server.Requests.Select(r => r["date"]));
        Assert.Equal(8, await rig.App.WithDbAsync(db => db.DailyEntries.CountAsync(Ct)));
        Assert.Equal(new DateOnly(2025, 6, 24), await rig.App.WithDbAsync(db => HfHarvestCursor.LoadAsync(db, Ct)));

        // Not due again within the hour, on either node; due on one of them after it.
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(new[] { false, false }, await Task.WhenAll(jobs.Select(job => job.RunIfDueAsync(JobNames.HarvestHf, Ct))));
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Task.WhenAll(jobs.Select(job => Task.Run(() => job.RunIfDueAsync(JobNames.HarvestHf, Ct), Ct)));
        Assert.Single(second, ran => ran);
        Assert.Equal(4, rig.Server.Requests.Count);
        // The arXiv schedule is off: never due.
        Assert.False(await jobs[0].RunIfDueAsync(JobNames.HarvestArxiv, Ct));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASourceHeldByAnotherNodeIsLeftToIt(Lane lane)
    {
        var clock = new ManualClock(June24Morning);
        await using var rig = await HarvestRig.StartAsync(lane, clock);
        await rig.App.WithDbAsync(db => JobLeases.TryAcquireAsync(db, JobNames.HarvestHf, "cron-on-another-node", June24Morning.UtcDateTime, TimeSpan.FromMinutes(5), Ct));

        Assert.False(await ScheduleJob(rig.App, "every 1h").RunIfDueAsync(JobNames.HarvestHf, Ct));

        Assert.Empty(rig.Server.Requests);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AFirstScheduledArxivHarvestStartsAtYesterdayAndThenFollowsTheCursor(Lane lane)
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 2, 6, 0, 0, TimeSpan.Zero));
        await using var rig = await HarvestRig.StartAsync(lane, clock);
        rig.Server.On("/oai2", "verb=ListRecords&metadataPrefix=arXivRaw&from=2024-03-01").RespondFile("arxiv-oai/saelim__ErrorResponseNoRecordsMatch.xml");
        var job = ScheduleJob(rig.App, hf: "off", arxiv: "daily 05:00");

        Assert.True(await job.RunIfDueAsync(JobNames.HarvestArxiv, Ct));

        var request = Assert.Single(rig.Server.Requests);
        Assert.Equal("?verb=ListRecords&metadataPrefix=arXivRaw&from=2024-03-01", request.Query);
        // Ran at 06:00 after today's 05:00: not again until tomorrow's.
        clock.Advance(TimeSpan.FromHours(22));
        Assert.False(await job.RunIfDueAsync(JobNames.HarvestArxiv, Ct));
    }

    private static Dictionary<string, string?> RigSettings(HarvestRig rig) => new()
    {
        ["Harvest:OaiBaseUrl"] = rig.Server.Url("oai2"),
        ["Harvest:HfBaseUrl"] = rig.Server.Url(""),
        ["Harvest:PolitenessDelay"] = "00:00:00",
    };

    private static HarvestScheduleJob ScheduleJob(AppFactory app, string hf, string arxiv = "off")
    {
        var options = app.Services.GetRequiredService<IOptions<HarvestOptions>>().Value;
        options = new HarvestOptions
        {
            OaiBaseUrl = options.OaiBaseUrl,
            HfBaseUrl = options.HfBaseUrl,
            PolitenessDelay = options.PolitenessDelay,
            Schedule = new HarvestScheduleOptions { Hf = hf, Arxiv = arxiv },
        };
        return ActivatorUtilities.CreateInstance<HarvestScheduleJob>(app.Services, Options.Create(options));
    }
}
