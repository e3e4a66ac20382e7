using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Mail;

/// <summary>Composing digests into the outbox: what a digest holds, once per period, never a paper twice, empty periods, saved searches, time zones.</summary>
public sealed class DigestCompositionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Dec1 = new(2026, 12, 1), Dec2 = new(2026, 12, 2), Dec3 = new(2026, 12, 3);

    /// <summary>Friday 2026-12-04, 08:00 UTC: a daily digest at 07:00 UTC covering Dec 3 is due.</summary>
    private static readonly DateTimeOffset FridayMorning = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static SeedPaper Paper(string id, string title, int upvotes, string categories = "cs.CL", string? abstractText = null) =>
        new(id, title) { Upvotes = upvotes, Categories = categories, Abstract = abstractText ?? "We study a problem and report results." };

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ADigestHoldsTheTopTrendingPapersThatPassItsFiltersEachWithItsReason(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(
            Paper("2612.00001", "Scaling Laws for Language Agents", 50).On(Dec3),
            Paper("2612.00002", "Segmenting Anything in Video", 90, "cs.CV cs.LG").On(Dec3),
            Paper("2612.00003", "A Survey of Tokenizers", 80).On(Dec3),
            Paper("2612.00004", "Retrieval for Question Answering", 30, "cs.IR").On(Dec3),
            Paper("2612.00005", "Protein Folding at Scale", 70, "q-bio.BM").On(Dec3),
            Paper("2612.00006", "Speech Translation without Text", 20).On(Dec3),
            Paper("2612.00007", "Yesterday's Language Model", 99).On(Dec2));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("filters"), s =>
        {
            s.IncludeCategories = "cs";
            s.ExcludeCategories = "cs.CV";
            s.ExcludeKeywords = "survey";
            s.PapersPerDigest = 2;
        });

        var run = await rig.ComposeAsync();

        Assert.Equal((1, 0, 0), (run.Composed, run.Skipped, run.AlreadyComposed));
        var digest = Assert.Single(await rig.DigestsAsync(subscription.Id));
        Assert.Equal($"digest:{subscription.Id}:2026-12-03", digest.Key);
        Assert.Equal(subscription.Address, digest.Recipient);
        Assert.Equal("DailyPapers: 2 trending papers, Dec 3", digest.Subject);
        // Site-wide trending ranks: Segmenting #1, Survey #2, Protein #3, Scaling #4, Retrieval #5.
        Assert.Contains("1. Scaling Laws for Language Agents\nhttps://papers.example.test/papers/2612.00001\nAda Lovelace, Alan Turing\nWe study a problem and report results.\n50 upvotes · #4 trending on Dec 3\n", digest.Text, StringComparison.Ordinal);
        Assert.Contains("50 upvotes · #4 trending on Dec 3", digest.Text, StringComparison.Ordinal);
        Assert.Contains("2. Retrieval for Question Answering", digest.Text, StringComparison.Ordinal);
        Assert.Contains("#5 trending on Dec 3", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace, Alan Turing", digest.Text, StringComparison.Ordinal);
        foreach (var absent in new[] { "Segmenting", "Survey", "Protein", "Speech", "Yesterday" })
        {
            Assert.DoesNotContain(absent, digest.Text, StringComparison.Ordinal);
        }
        Assert.Contains("<a href=\"https://papers.example.test/papers/2612.00001\"><strong>Scaling Laws for Language Agents</strong></a>", digest.Html, StringComparison.Ordinal);
        Assert.Matches(@"Change your preferences: https://papers\.example\.test/preferences\?token=[A-Za-z0-9_-]+\n", digest.Text);
        Assert.Matches(@"Unsubscribe: https://papers\.example\.test/unsubscribe\?token=[A-Za-z0-9_-]+\n", digest.Text);
        var ids = await rig.PaperIdsAsync();
        Assert.Equal([ids["2612.00001"], ids["2612.00004"]], (await rig.SentPaperIdsAsync(subscription.Id)).Order());
        var after = await rig.ReloadAsync(subscription.Id);
        Assert.Equal(("2026-12-03", FridayMorning.UtcDateTime), (after.LastPeriodKey, after.LastDigestAt));
    }

    // Email programs run no script: a title or abstract with LaTeX math is mailed in its plain form, in both parts.
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ADigestMailsMathInItsPlainForm(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(
            Paper("2612.00001", @"$\textit{Trans-LoRA}$: towards data-free Finetuning", 50, abstractText: @"We route the top-$K$ of $N$ experts in $\mathcal{O}(N^2)$ time.").On(Dec3));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("math"), _ => { });

        await rig.ComposeAsync();

        var digest = Assert.Single(await rig.DigestsAsync(subscription.Id));
        Assert.Contains("1. Trans-LoRA: towards data-free Finetuning\n", digest.Text, StringComparison.Ordinal);
        Assert.Contains("\nWe route the top-K of N experts in O(N²) time.\n", digest.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Trans-LoRA: towards data-free Finetuning</strong>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("We route the top-K of N experts in O(N²) time.", System.Net.WebUtility.HtmlDecode(digest.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("$", digest.Text + digest.Html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ComposingTheSamePeriodTwiceGivesOneOutboxRow(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(Paper("2612.00011", "Twice Composed", 10).On(Dec3), Paper("2612.00012", "Also Twice", 5).On(Dec3));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("twice"));

        Assert.Equal(1, (await rig.ComposeAsync()).Composed);
        Assert.Equal(0, (await rig.ComposeAsync()).Composed + (await rig.ComposeAsync()).AlreadyComposed);
        // A run that died after writing the row but before noting the period: the row is found, not doubled.
        await rig.App.WithDbAsync(db => db.Subscriptions.Where(s => s.Id == subscription.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPeriodKey, (string?)null), Ct));
        Assert.Equal(0, (await rig.ComposeAsync()).Composed);

        Assert.Single(await rig.DigestsAsync(subscription.Id));
        Assert.Equal(2, (await rig.SentPaperIdsAsync(subscription.Id)).Count);

        // Four composers that drafted the same new period (four nodes) write at once: the unique key lets one through.
        var other = await rig.SubscribeAsync(DigestRig.NewAddress("raced"));
        var scopes = Enumerable.Range(0, 4).Select(_ => rig.App.Services.CreateAsyncScope()).ToList();
        try
        {
            var loaded = await rig.App.WithDbAsync(db => db.Subscriptions.AsNoTracking().Include(s => s.SavedSearches).SingleAsync(s => s.Id == other.Id, Ct));
            var period = DigestSchedule.LatestDue(loaded.Frequency, loaded.SendHour, TimeZoneInfo.Utc, rig.Clock.GetUtcNow());
            var drafts = new List<(DigestWriter Writer, DigestDraft Draft)>();
            foreach (var scope in scopes)
            {
                var draft = await scope.ServiceProvider.GetRequiredService<DigestComposer>().DraftAsync(loaded, period, rig.Clock.GetUtcNow(), null, Ct);
                drafts.Add((scope.ServiceProvider.GetRequiredService<DigestWriter>(), draft));
            }
            var outcomes = await Task.WhenAll(drafts.Select(d => Task.Run(() => d.Writer.WriteAsync(d.Draft, rig.Clock.GetUtcNow(), Ct), Ct)));
            Assert.Equal([DigestOutcome.Composed, DigestOutcome.AlreadyComposed, DigestOutcome.AlreadyComposed, DigestOutcome.AlreadyComposed], outcomes.Order());
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
        Assert.Single(await rig.DigestsAsync(other.Id));
        Assert.Equal(2, (await rig.SentPaperIdsAsync(other.Id)).Count);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ConcurrentComposersOfANewPeriodWriteItOnce(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(Paper("2612.00021", "Raced For", 10).On(Dec3));
        var subscriptions = new List<Subscription>();
        for (var i = 0; i < 5; i++)
        {
            subscriptions.Add(await rig.SubscribeAsync(DigestRig.NewAddress("race" + i)));
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => rig.ComposeAsync(), Ct)));

        Assert.Equal(5, runs.Sum(r => r.Composed));
        foreach (var subscription in subscriptions)
        {
            Assert.Single(await rig.DigestsAsync(subscription.Id));
            Assert.Single(await rig.SentPaperIdsAsync(subscription.Id));
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task FiltersAndNeverTwiceHoldOverThreeConsecutivePeriods(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        await rig.App.SeedAsync(
            // On the feed all three days: mailed once, the first time.
            Paper("2612.00031", "Evergreen Language Paper", 100).On(Dec1).On(Dec2).On(Dec3),
            Paper("2612.00032", "Second Language Paper", 40).On(Dec1).On(Dec2),
            Paper("2612.00033", "Third Language Paper", 30).On(Dec2),
            Paper("2612.00034", "Vision Paper", 500, "cs.CV").On(Dec1).On(Dec2).On(Dec3),
            Paper("2612.00035", "Fourth Language Paper", 20).On(Dec3));
        var once = await rig.SubscribeAsync(DigestRig.NewAddress("once"), s => { s.ExcludeCategories = "cs.CV"; s.PapersPerDigest = 2; });
        var repeats = await rig.SubscribeAsync(DigestRig.NewAddress("repeats"), s => { s.ExcludeCategories = "cs.CV"; s.PapersPerDigest = 2; s.NeverSendTwice = false; });

        var texts = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            Assert.Equal(2, (await rig.ComposeAsync()).Composed);
            rig.Clock.Advance(TimeSpan.FromDays(1));
        }

        var digests = await rig.DigestsAsync(once.Id);
        Assert.Equal(["2026-12-01", "2026-12-02", "2026-12-03"], digests.Select(d => d.Key.Split(':')[2]));
        Assert.Contains("Evergreen", digests[0].Text, StringComparison.Ordinal);
        Assert.Contains("Second", digests[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Evergreen", digests[1].Text + digests[2].Text, StringComparison.Ordinal);
        Assert.Contains("Third", digests[1].Text, StringComparison.Ordinal);
        Assert.Contains("Fourth", digests[2].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(digests, d => d.Text.Contains("Vision", StringComparison.Ordinal));
        var sent = await rig.SentPaperIdsAsync(once.Id);
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.Equal(4, sent.Count);

        var repeated = await rig.DigestsAsync(repeats.Id);
        Assert.All(repeated, d => Assert.Contains("Evergreen", d.Text, StringComparison.Ordinal));
        Assert.Empty(await rig.SentPaperIdsAsync(repeats.Id));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnEmptyPeriodSendsNothingAndSaysWhyUnlessAskedToSendAnyway(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(Paper("2612.00041", "Only Vision Today", 10, "cs.CV").On(Dec3));
        var quiet = await rig.SubscribeAsync(DigestRig.NewAddress("quiet"), s => s.IncludeCategories = "math");
        var always = await rig.SubscribeAsync(DigestRig.NewAddress("always"), s => { s.IncludeCategories = "math"; s.SendWhenEmpty = true; });

        var run = await rig.ComposeAsync();

        Assert.Equal((1, 1), (run.Composed, run.Skipped));
        Assert.Empty(await rig.DigestsAsync(quiet.Id));
        var skipped = await rig.ReloadAsync(quiet.Id);
        Assert.StartsWith("Nothing new for Dec 3", skipped.LastSkipReason, StringComparison.Ordinal);
        Assert.Equal((FridayMorning.UtcDateTime, "2026-12-03", (DateTime?)null), (skipped.LastSkippedAt, skipped.LastPeriodKey, skipped.LastDigestAt));
        var empty = Assert.Single(await rig.DigestsAsync(always.Id));
        Assert.Equal("DailyPapers: nothing new, Dec 3", empty.Subject);
        Assert.Contains("Nothing new this time", empty.Text, StringComparison.Ordinal);
        // The skip is decided once per period, not every minute.
        Assert.Equal(0, (await rig.ComposeAsync()).Skipped);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task SavedSearchesMailTheirMatchesNewSinceTheLastDigest(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        await rig.App.SeedAsync(
            Paper("2612.00051", "Diffusion Policy for Dexterous Robots", 5, "cs.RO").OnAt(Dec3, new DateTime(2026, 12, 3, 9, 0, 0)),
            Paper("2611.00052", "Diffusion Policy Revisited", 50, "cs.RO").OnAt(new DateOnly(2026, 11, 2), new DateTime(2026, 11, 2, 9, 0, 0)),
            Paper("2612.00053", "Diffusion Policy with Vision", 5, "cs.CV").OnAt(Dec3, new DateTime(2026, 12, 3, 9, 0, 0)),
            Paper("2612.00054", "Language Paper of the Day", 10).On(Dec3));
        await rig.IndexAsync();
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("search"), s =>
        {
            s.IncludeCategories = "cs.CL";
            s.ExcludeCategories = "cs.CV";
            s.LastDigestAt = new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc);
        }, "diffusion policy");

        await rig.ComposeAsync();

        var digest = Assert.Single(await rig.DigestsAsync(subscription.Id));
        Assert.Equal("DailyPapers: 1 trending paper and 1 search match, Dec 3", digest.Subject);
        Assert.Contains("Language Paper of the Day", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Diffusion Policy for Dexterous Robots", digest.Text, StringComparison.Ordinal);
        Assert.Contains("matches your search 'diffusion policy'", digest.Text, StringComparison.Ordinal);
        // Featured a month ago: not new. In an excluded category: left out.
        Assert.DoesNotContain("Revisited", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Vision", digest.Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AucklandAndLosAngelesSubscribersGetTheirDigestsAtTheirOwnHour(Lane lane)
    {
        // Both confirmed at 16:00Z on Dec 3, both want 07:00 local: Auckland's 07:00 on Dec 4 is 18:00Z on Dec 3,
        // Los Angeles' is 15:00Z on Dec 4.
        var confirmed = new DateTime(2026, 12, 3, 16, 0, 0, DateTimeKind.Utc);
        await using var rig = await DigestRig.CreateAsync(lane, new DateTimeOffset(confirmed));
        await rig.App.SeedAsync(Paper("2612.00061", "Paper of Dec 3", 10).On(Dec3, hour: 1), Paper("2612.00062", "Paper of Dec 2", 10).On(Dec2));
        var auckland = await rig.SubscribeAsync(DigestRig.NewAddress("auckland"), s => { s.TimeZone = "Pacific/Auckland"; s.ConfirmedAt = confirmed; });
        var losAngeles = await rig.SubscribeAsync(DigestRig.NewAddress("la"), s => { s.TimeZone = "America/Los_Angeles"; s.ConfirmedAt = confirmed; });

        Assert.Equal(0, (await rig.ComposeAsync()).Composed);
        rig.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 17, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, (await rig.ComposeAsync()).Composed);
        rig.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await rig.ComposeAsync()).Composed);
        Assert.Equal($"digest:{auckland.Id}:2026-12-03", Assert.Single(await rig.DigestsAsync(auckland.Id)).Key);
        Assert.Empty(await rig.DigestsAsync(losAngeles.Id));

        rig.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, (await rig.ComposeAsync()).Composed);
        rig.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await rig.ComposeAsync()).Composed);
        var digest = Assert.Single(await rig.DigestsAsync(losAngeles.Id));
        Assert.Equal($"digest:{losAngeles.Id}:2026-12-03", digest.Key);
        Assert.Contains("Paper of Dec 3", digest.Text, StringComparison.Ordinal);
        Assert.Single(await rig.DigestsAsync(auckland.Id));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ADryRunForADayReportsWhatWouldBeComposedAndWritesNothing(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await rig.App.SeedAsync(Paper("2612.00071", "Dry Paper", 10).On(Dec3));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("dry"), s => s.TimeZone = "Not/AZone");

        var run = await rig.ComposeAsync(new DateOnly(2026, 12, 4), dryRun: true);

        var line = Assert.Single(run.Lines);
        Assert.StartsWith($"would compose digest:{subscription.Id}:2026-12-03 for {subscription.Address}: 1 papers", line, StringComparison.Ordinal);
        Assert.Contains("'Not/AZone' is not known here, so UTC is used", line, StringComparison.Ordinal);
        Assert.Empty(await rig.DigestsAsync(subscription.Id));
        Assert.Null((await rig.ReloadAsync(subscription.Id)).LastPeriodKey);
        Assert.Equal(1, (await rig.ComposeAsync(new DateOnly(2026, 12, 4))).Composed);
    }
}
