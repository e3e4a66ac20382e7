using DailyPapers.Jobs;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Jobs;

/// <summary>The lease under every once-across-the-cluster job: one holder, renewed while it works, work stopped when it is lost.</summary>
public sealed class ClusterJobsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Renewed every 3 minutes: a wait nothing else in the app asks the clock for.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(9);

    private static async Task<(AppFactory App, ManualClock Clock)> StartAsync(Lane lane)
    {
        var clock = new ManualClock();
        return (await AppFactory.CreateAsync(lane, null, services => services.AddSingleton<TimeProvider>(clock)), clock);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ALeaseHasOneHolderUntilItRunsOutOrIsGivenBack(Lane lane)
    {
        var (app, clock) = await StartAsync(lane);
        await using var _ = app;
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = TimeSpan.FromMinutes(5);

        // Five nodes starting at once race to create the lease: one wins.
        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() =>
            app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "test-job", "node" + i, now, lease, Ct)), Ct)));
        Assert.Single(first, won => won);
        var holder = "node" + Array.IndexOf(first, true);
        var other = holder == "node0" ? "node1" : "node0";

        Assert.True(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "test-job", holder, now.AddMinutes(1), lease, Ct)));
        Assert.False(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "test-job", other, now.AddMinutes(5), lease, Ct)));
        Assert.Equal(holder, await app.WithDbAsync(db => JobLeases.HolderAsync(db, "test-job", now.AddMinutes(5), Ct)));
        // Renewed at minute 1, it runs out after minute 6.
        Assert.True(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "test-job", other, now.AddMinutes(6).AddSeconds(1), lease, Ct)));
        // The old holder can neither renew nor give back what is now another's.
        Assert.False(await app.WithDbAsync(db => JobLeases.RenewAsync(db, "test-job", holder, now.AddMinutes(7), lease, Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => JobLeases.ReleaseAsync(db, "test-job", holder, now.AddMinutes(7), Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => JobLeases.ReleaseAsync(db, "test-job", other, now.AddMinutes(7), Ct)));
        Assert.Null(await app.WithDbAsync(db => JobLeases.HolderAsync(db, "test-job", now.AddMinutes(7).AddSeconds(1), Ct)));
        Assert.True(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "test-job", holder, now.AddMinutes(7).AddSeconds(1), lease, Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task WorkOutlastingItsLeaseKeepsItAndGivesItBackAtTheEnd(Lane lane)
    {
        var (app, clock) = await StartAsync(lane);
        await using var _ = app;
        var jobs = app.Services.GetRequiredService<ClusterJobs>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = clock.GetUtcNow().UtcDateTime;

        var running = jobs.RunOnceAsync("long-job", Lease, _ => release.Task, Ct);
        // Four renewals, a third of the lease apart, carry the work past twice the lease's length.
        for (var renewal = 1; renewal <= 4; renewal++)
        {
            await WaitForAsync(() => Task.FromResult(clock.Waits.Count(wait => wait == Lease / 3) == renewal));
            clock.Advance(Lease / 3);
            var expected = start + renewal * (Lease / 3) + Lease;
            await WaitForAsync(() => app.WithDbAsync(db => db.JobLeases.AnyAsync(l => l.Name == "long-job" && l.LeaseUntil == expected, Ct)));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Assert.False(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "long-job", "other-node", now, Lease, Ct)));
        Assert.Equal(jobs.Owner, await jobs.HolderAsync("long-job", Ct));

        release.SetResult(42);

        Assert.Equal(new LeasedRun<int>(true, 42), await running);
        Assert.Null(await jobs.HolderAsync("long-job", Ct));
        Assert.True(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "long-job", "other-node", now, Lease, Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARenewalThatComesLateKeepsALeaseNobodyTook(Lane lane)
    {
        var (app, clock) = await StartAsync(lane);
        await using var _ = app;
        var jobs = app.Services.GetRequiredService<ClusterJobs>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = jobs.RunOnceAsync("late-job", Lease, _ => release.Task, Ct);
        await clock.WaitUntilAskedAsync(Lease / 3);
        // The database was too busy for the renewals until after the lease's end; nobody else started meanwhile.
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var renewed = clock.GetUtcNow().UtcDateTime + Lease;
        await WaitForAsync(() => app.WithDbAsync(db => db.JobLeases.AnyAsync(l => l.Name == "late-job" && l.LeaseUntil == renewed, Ct)));
        release.SetResult(7);

        Assert.Equal(new LeasedRun<int>(true, 7), await running);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task WorkIsNotStartedWhileAnotherNodeHoldsTheLease(Lane lane)
    {
        var (app, clock) = await StartAsync(lane);
        await using var _ = app;
        var jobs = app.Services.GetRequiredService<ClusterJobs>();
        Assert.True(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "busy-job", "other-node", clock.GetUtcNow().UtcDateTime, Lease, Ct)));
        var started = false;

        var run = await jobs.RunOnceAsync("busy-job", Lease, _ => Task.FromResult(started = true), Ct);

        Assert.Equal(new LeasedRun<bool>(false, false), run);
        Assert.False(started);
        Assert.Equal("other-node", await jobs.HolderAsync("busy-job", Ct));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AHolderThatStalledPastItsLeaseStopsItsWorkWhenAnotherNodeHasTakenOver(Lane lane)
    {
        var (app, clock) = await StartAsync(lane);
        await using var _ = app;
        var jobs = app.Services.GetRequiredService<ClusterJobs>();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = jobs.RunOnceAsync("stalled-job", Lease, async ct =>
        {
            using var _ = ct.Register(() => cancelled.SetResult());
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 0;
        }, Ct);
        await clock.WaitUntilAskedAsync(Lease / 3);
        // The node froze past its lease: by the time its renewal runs, another node has the job.
        var takeover = clock.GetUtcNow().UtcDateTime + Lease;
        Assert.True(await app.WithDbAsync(db => JobLeases.TryAcquireAsync(db, "stalled-job", "other-node", takeover, Lease, Ct)));
        clock.Advance(Lease + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<LeaseLostException>(() => running);
        Assert.True(cancelled.Task.IsCompleted);
        // Its ending gave back nothing: the lease is the new holder's.
        Assert.Equal("other-node", await jobs.HolderAsync("stalled-job", Ct));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        // Bounded by attempts (about 10 s), not a wall clock the test does not own.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50, Ct);
        }
        Assert.Fail("The condition never held.");
    }
}
