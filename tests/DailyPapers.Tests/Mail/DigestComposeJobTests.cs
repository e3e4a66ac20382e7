using DailyPapers.Jobs;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Mail;

/// <summary>The site's composition job: one node at a time by a database lease (Jobs/ClusterJobsTests has the lease itself), nothing lost when a node dies holding it.</summary>
public sealed class DigestComposeJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset FridayMorning = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ANodeKilledHoldingTheLeaseDelaysCompositionButLosesNothing(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(new SeedPaper("2612.00081", "Kept Paper") { Upvotes = 3 }.On(new DateOnly(2026, 12, 3)));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("killed"));
        var job = rig.App.Services.GetRequiredService<DigestComposeJob>();
        // A node took the lease and died before composing anything.
        Assert.True(await rig.App.WithDbAsync(db => JobLeases.TryAcquireAsync(db, JobNames.DigestCompose, "dead-node", FridayMorning.UtcDateTime, TimeSpan.FromMinutes(5), Ct)));

        Assert.Null(await job.RunOnceAsync(Ct));
        Assert.Empty(await rig.DigestsAsync(subscription.Id));

        rig.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var run = await job.RunOnceAsync(Ct);

        Assert.Equal(1, run!.Composed);
        Assert.Single(await rig.DigestsAsync(subscription.Id));
        // Given back at the end of the run: the next minute's run need not wait for it to run out.
        Assert.Equal(0, (await job.RunOnceAsync(Ct))!.Composed);
    }

    [Fact]
    public async Task TheSiteComposesDueDigestsEveryMinute()
    {
        await using var rig = await DigestRig.CreateAsync(Lane.Sqlite, FridayMorning, new() { ["Mail:ComposeInBackground"] = "true" });
        await rig.App.SeedAsync(new SeedPaper("2612.00091", "Background Paper") { Upvotes = 3 }.On(new DateOnly(2026, 12, 3)));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("background"));

        // The first run went at start, before the subscription existed; the timer's next tick composes it.
        // Bounded by attempts (about 20 s of real waiting), not by a wall clock the test does not own.
        for (var attempt = 0; attempt < 100 && (await rig.DigestsAsync(subscription.Id)).Count == 0; attempt++)
        {
            rig.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(200, Ct);
        }

        Assert.Single(await rig.DigestsAsync(subscription.Id));
    }
}
