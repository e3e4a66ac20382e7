using System.Net;
using AngleSharp.Dom;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Mail;

/// <summary>The preferences page from the signed link: shows, saves, refuses bad input (saving nothing), previews the next digest.</summary>
public sealed class PreferencesPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset FridayMorning = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static async Task<string> PreferencesLinkAsync(DigestRig rig, Subscription subscription) =>
        "/preferences?token=" + await rig.App.Services.GetRequiredService<SignedLinks>().CreateAsync(LinkPurpose.Preferences, subscription, Ct);

    /// <summary>Every field of the page's form as it stands (hidden token included), ready to change and post.</summary>
    private static Dictionary<string, string> Fields(IDocument page)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in page.QuerySelectorAll("main form input, main form select"))
        {
            var name = input.GetAttribute("name")!;
            var type = input.GetAttribute("type");
            if (type == "checkbox")
            {
                if (input.HasAttribute("checked") && name != "remove_search")
                {
                    fields[name] = "on";
                }
                continue;
            }
            fields[name] = input.TagName == "SELECT"
                ? input.QuerySelector("option[selected]")?.GetAttribute("value") ?? ""
                : input.GetAttribute("value") ?? "";
        }
        return fields;
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task SavingThePreferencesFormChangesTheSubscription(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("prefs"), s =>
        {
            s.LastSkipReason = "Nothing new for Dec 2: no trending paper passed your filters.";
            s.LastSkippedAt = new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc);
        }, "old search");
        var client = rig.App.CreateClient();
        var link = await PreferencesLinkAsync(rig, subscription);

        var (shown, page) = await HtmlPage.GetAsync(client, link);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains(subscription.Address, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing new for Dec 2", page.QuerySelector(".digest-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-12-03 07:00 UTC", page.QuerySelector(".digest-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/preferences/preview?" + link.Split('?')[1], page.LinkHref("Preview your next digest"));
        Assert.Equal("https://papers.example.test/papers/search.atom?q=old%20search", page.QuerySelector(".saved-searches a")!.GetAttribute("href"));

        var fields = Fields(page);
        Assert.Equal(("daily", "7", "UTC", "10", "on"), (fields["frequency"], fields["send_hour"], fields["time_zone"], fields["papers_per_digest"], fields["never_send_twice"]));
        fields["frequency"] = "weekly";
        fields["send_hour"] = "9";
        fields["time_zone"] = "Pacific/Auckland";
        fields["papers_per_digest"] = "5";
        fields["include_categories"] = "cs, stat.ML,cs";
        fields["exclude_categories"] = "cs.CV";
        fields["include_keywords"] = "diffusion, language model";
        fields["exclude_keywords"] = "survey";
        fields.Remove("never_send_twice");
        fields["send_when_empty"] = "on";
        fields["new_search"] = "diffusion policy";
        var (saved, savedPage) = await MailRig.PostFormAsync(client, link, fields);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull(savedPage.QuerySelector("[role=status]"));
        var after = await rig.ReloadAsync(subscription.Id);
        Assert.Equal((DigestFrequency.Weekly, 9, "Pacific/Auckland", 5), (after.Frequency, after.SendHour, after.TimeZone, after.PapersPerDigest));
        Assert.Equal(("cs, stat.ML", "cs.CV", "diffusion, language model", "survey"), (after.IncludeCategories, after.ExcludeCategories, after.IncludeKeywords, after.ExcludeKeywords));
        Assert.Equal((false, true), (after.NeverSendTwice, after.SendWhenEmpty));
        // The weekly schedule starts with its next week, not with last week's digest at once.
        Assert.Equal("2026-W48", after.LastPeriodKey);
        Assert.Equal(0, (await rig.ComposeAsync()).Composed);
        var searches = savedPage.QuerySelectorAll(".saved-searches li").Select(li => li.QuerySelector("strong")!.TextContent).ToList();
        Assert.Equal(["old search", "diffusion policy"], searches);
        Assert.Equal("https://papers.example.test/papers/search.atom?q=diffusion%20policy&xcat=cs.CV&xkw=survey",
            savedPage.QuerySelectorAll(".saved-searches a")[1].GetAttribute("href"));
        Assert.Equal("https://papers.example.test/papers.atom?cat=cs,stat.ML&xcat=cs.CV&kw=diffusion,language%20model&xkw=survey",
            savedPage.LinkHref("The latest papers with your topic filters, as an Atom feed"));

        // Removing a saved search.
        var again = Fields(savedPage);
        again["remove_search"] = savedPage.QuerySelector(".saved-searches input[name=remove_search]")!.GetAttribute("value")!;
        var (_, removedPage) = await MailRig.PostFormAsync(client, link, again);
        Assert.Equal(["diffusion policy"], removedPage.QuerySelectorAll(".saved-searches strong").Select(s => s.TextContent));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task InvalidInputShowsTheFormAgainWithMessagesAndSavesNothing(Lane lane)
    {
        await using var rig = await DigestRig.CreateAsync(lane, FridayMorning);
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("invalid"));
        var client = rig.App.CreateClient();
        var link = await PreferencesLinkAsync(rig, subscription);
        var (_, page) = await HtmlPage.GetAsync(client, link);
        var fields = Fields(page);
        fields["frequency"] = "hourly";
        fields["send_hour"] = "25";
        fields["time_zone"] = "Mars/Olympus_Mons";
        fields["papers_per_digest"] = "51";
        fields["include_categories"] = "cs.CL";
        fields["include_keywords"] = "robots\r\nBcc: victim@example.org";
        fields["new_search"] = "policy\r\nX-Injected: 1";

        var (response, again) = await MailRig.PostFormAsync(client, link, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = again.QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ToList();
        Assert.Equal(6, messages.Count);
        Assert.Contains(messages, m => m.Contains("line breaks", StringComparison.Ordinal) && m.Contains("keywords", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("saved search may not contain line breaks", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
        // What was typed is shown again (through the text door: no line break survives into the page).
        Assert.Equal("cs.CL", again.QuerySelector("input[name=include_categories]")!.GetAttribute("value"));
        Assert.Equal("robots Bcc: victim@example.org", again.QuerySelector("input[name=include_keywords]")!.GetAttribute("value"));
        var after = await rig.ReloadAsync(subscription.Id);
        Assert.Equal((DigestFrequency.Daily, 7, "UTC", 10, (string?)null, (string?)null), (after.Frequency, after.SendHour, after.TimeZone, after.PapersPerDigest, after.IncludeCategories, after.IncludeKeywords));
        Assert.Equal(0, await rig.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SavedSearches, Ct)));
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryTokenOrWithAForgedLinkSavesNothing()
    {
        await using var rig = await DigestRig.CreateAsync(Lane.Sqlite, FridayMorning);
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("forged"));
        var link = await PreferencesLinkAsync(rig, subscription);
        using var noCookies = rig.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var fields = new Dictionary<string, string> { ["frequency"] = "monthly", ["send_hour"] = "7", ["time_zone"] = "UTC", ["papers_per_digest"] = "10" };

        var (noToken, page) = await MailRig.PostFormAsync(noCookies, link, fields);
        var (forged, _) = await MailRig.PostFormAsync(noCookies, link[..^2] + (link[^2] == 'A' ? "B" : "A") + link[^1], fields);
        var unsubscribeToken = await rig.App.Services.GetRequiredService<SignedLinks>().CreateAsync(LinkPurpose.Unsubscribe, subscription, Ct);
        var (wrongPurpose, _) = await HtmlPage.GetAsync(noCookies, "/preferences?token=" + unsubscribeToken);

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("nothing was saved", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (forged.StatusCode, wrongPurpose.StatusCode));
        Assert.Equal(DigestFrequency.Daily, (await rig.ReloadAsync(subscription.Id)).Frequency);
    }

    [Fact]
    public async Task ThePreviewRendersTheNextDigestAndABouncingAddressIsShownAsSuch()
    {
        await using var rig = await DigestRig.CreateAsync(Lane.Sqlite, FridayMorning);
        await rig.App.SeedAsync(new SeedPaper("2612.00201", "Today's <Preview> Paper") { Upvotes = 4 }.On(new DateOnly(2026, 12, 4)));
        var subscription = await rig.SubscribeAsync(DigestRig.NewAddress("preview"), s => { s.State = SubscriptionState.Bouncing; s.BouncingSince = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc); });
        var client = rig.App.CreateClient();
        var link = await PreferencesLinkAsync(rig, subscription);

        var (pageResponse, page) = await HtmlPage.GetAsync(client, link);
        var preview = await client.GetAsync(page.LinkHref("Preview your next digest"), Ct);
        var html = await preview.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Bouncing since 2026-12-02 00:00 UTC", page.QuerySelector(".digest-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("text/html", preview.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<strong>Today&#39;s &lt;Preview&gt; Paper</strong>", html, StringComparison.Ordinal);
        Assert.Contains("#1 trending on Dec 4", html, StringComparison.Ordinal);
        // The email's inline styles are allowed for the preview alone; the page that links it keeps the site's policy.
        Assert.Equal([SecurityHeaders.EmailHtmlPolicy], preview.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal([SecurityHeaders.SitePolicy], pageResponse.Headers.GetValues("Content-Security-Policy"));
        Assert.Empty(await rig.DigestsAsync(subscription.Id));
    }
}
