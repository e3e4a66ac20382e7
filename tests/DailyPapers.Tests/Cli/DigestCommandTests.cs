using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;
using DailyPapers.Tests.Mail;

namespace DailyPapers.Tests.Cli;

/// <summary><c>dailypapers digest compose|preview</c> as an operator runs them, against the site's database.</summary>
public sealed class DigestCommandTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ComposeForADayDryRunsThenComposesOnceAndPreviewPrintsTheNextDigest(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await rig.App.SeedAsync(new SeedPaper("2612.00101", "Paper for the Command Line") { Upvotes = 7 }.On(new DateOnly(2026, 12, 3)));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("cli"), s => s.TimeZone = "Pacific/Auckland");
        var settings = new Dictionary<string, string?> { ["Site:BaseUrl"] = MailRig.BaseUrl };

        var dry = await CliProcess.RunWithAsync(rig.App.Database, settings, "digest", "compose", "--date", "2026-12-04", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains($"would compose digest:{subscription.Id}:2026-12-03 for {subscription.Address}: 1 papers", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing was written", dry.Stdout, StringComparison.Ordinal);
        Assert.Empty(await rig.DigestsAsync(subscription.Id));

        var composed = await CliProcess.RunWithAsync(rig.App.Database, settings, "digest", "compose", "--date", "2026-12-04");
        var again = await CliProcess.RunWithAsync(rig.App.Database, settings, "digest", "compose", "--date", "2026-12-04");
        Assert.Contains("composed 1, skipped 0", composed.Stdout, StringComparison.Ordinal);
        Assert.Contains("composed 0, skipped 0", again.Stdout, StringComparison.Ordinal);
        var digest = Assert.Single(await rig.DigestsAsync(subscription.Id));
        Assert.Contains("https://papers.example.test/papers/2612.00101", digest.Text, StringComparison.Ordinal);

        var preview = await CliProcess.RunWithAsync(rig.App.Database, settings, "digest", "preview", subscription.Address.Replace("example.org", "Example.ORG", StringComparison.Ordinal));
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("Subject: DailyPapers: ", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("Change your preferences: https://papers.example.test/preferences?token=", preview.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compose", "--date", "2026-13-01")]
    [InlineData("preview", "nobody@example.org")]
    [InlineData("preview", "not an address")]
    public async Task BadInputExitsWithTwoAndWritesNothing(params string[] args)
    {
        await using var rig = await DigestRig.CreateAsync(Lane.Sqlite, new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

        var (exitCode, _, stderr) = await CliProcess.RunAsync(rig.App.Database, ["digest", .. args]);

        Assert.Equal(DigestComposeCommand.BadInput, exitCode);
        Assert.StartsWith("digest " + args[0] + ": ", stderr, StringComparison.Ordinal);
        Assert.Equal(0, await rig.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Outbox, TestContext.Current.CancellationToken)));
    }
}
