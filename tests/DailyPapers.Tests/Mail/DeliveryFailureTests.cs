using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Mail;

/// <summary>How the sender sorts failures: 5xx at RCPT bounces the address for good, 4xx waits and retries.</summary>
public sealed class DeliveryFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARecipientRefusedWith5xxFailsTheMessageAndMarksTheAddressBouncing(Lane lane)
    {
        await using var server = new RefusingSmtpServer();
        var settings = server.AppSettings();
        settings["Site:BaseUrl"] = MailRig.BaseUrl;
        settings["Mail:SendInBackground"] = "false";
        await using var rig = new MailRig(await AppFactory.CreateAsync(lane, settings), smtp: null);
        await rig.SubscribeAsync("bounce@example.org");
        await rig.SubscribeAsync("fine@example.org");

        var run = await rig.SendAsync();

        // The refusal did not end the run or the connection: the next message still went.
        Assert.Equal(new SendRun(1, 0, 1), run);
        Assert.Equal(1, server.Accepted);
        var bounced = (await rig.SubscriptionAsync("bounce@example.org"))!;
        Assert.Equal(SubscriptionState.Bouncing, bounced.State);
        Assert.NotNull(bounced.BouncingSince);
        var row = await rig.App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Recipient == "bounce@example.org", Ct));
        Assert.NotNull(row.FailedAt);
        Assert.StartsWith("SMTP 550", row.LastError, StringComparison.Ordinal);

        // No more mail to it.
        await rig.QueueDigestAsync(bounced.Id, bounced.Address, "2026-01-15");
        Assert.Equal(new SendRun(0, 0, 1), await rig.SendAsync());
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task ARecipientRefusedWith4xxIsRetriedLaterWithBackoff()
    {
        await using var server = new RefusingSmtpServer();
        var settings = server.AppSettings();
        settings["Site:BaseUrl"] = MailRig.BaseUrl;
        settings["Mail:SendInBackground"] = "false";
        settings["Mail:RetryDelay"] = "00:01:00";
        await using var rig = new MailRig(await AppFactory.CreateAsync(Lane.Sqlite, settings), smtp: null);
        await rig.SubscribeAsync("busy@example.org");
        var before = TimeProvider.System.GetUtcNow().UtcDateTime;

        var run = await rig.SendAsync();

        Assert.Equal(new SendRun(0, 1, 0), run);
        var row = await rig.App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((1, null, null, null), (row.Attempts, row.FailedAt, row.SentAt, row.LeaseOwner));
        Assert.InRange(row.NextAttemptAt, before.AddSeconds(29), before.AddSeconds(61));
        Assert.Contains("451", row.LastError, StringComparison.Ordinal);
        Assert.Equal(SubscriptionState.Pending, (await rig.SubscriptionAsync("busy@example.org"))!.State);
        // Not due yet: the next run leaves it alone.
        Assert.Equal(new SendRun(0, 0, 0), await rig.SendAsync());
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(20, 21600)]
    public void BackoffDoublesUpToTheCapWithJitterOfHalfToFull(int attempts, double fullSeconds)
    {
        for (var i = 0; i < 50; i++)
        {
            var delay = RetryBackoff.Delay(attempts, TimeSpan.FromSeconds(30), TimeSpan.FromHours(6));
            Assert.InRange(delay.TotalSeconds, fullSeconds / 2, fullSeconds);
        }
    }
}
