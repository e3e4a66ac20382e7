using System.Text.RegularExpressions;
using DailyPapers.Data;
using DailyPapers.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

/// <summary>
/// A reader's whole way through the mailer in chromium: subscribe on a page, confirm from the
/// received message, change preferences, one-click unsubscribe as a mail program does, and then the
/// next composition has nothing for the address. Mail is read from the site's outbox folder.
/// </summary>
public sealed partial class SubscriptionJourneyBrowserTests(LiveSite site)
{
    [Fact]
    public async Task SubscribeConfirmChangePreferencesAndUnsubscribeWithOneClick()
    {
        var email = $"journey.{Guid.NewGuid():N}@example.org";
        var page = await site.OpenAsync("/papers/date/2024-07-29");
        var box = page.Locator("form.subscribe-form");
        await box.GetByLabel("Email address").FillAsync(email);
        await box.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(box.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox");

        // The site's background sender delivers the confirmation into the outbox folder.
        var message = await WaitForMessageToAsync(email);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", message, StringComparison.Ordinal);
        await page.GotoAsync(OnThisSite(ConfirmLink().Match(message).Value));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are subscribed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Choose how often, how many papers and which topics" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Digest preferences");
        await page.GetByLabel("How often").SelectOptionAsync("weekly");
        await page.GetByLabel("Keywords to include (whole words in title or abstract)").FillAsync("diffusion, robots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByLabel("How often")).ToHaveValueAsync("weekly");
        await Expect(page.GetByLabel("Keywords to include (whole words in title or abstract)")).ToHaveValueAsync("diffusion, robots");

        // RFC 8058: the mail program POSTs to the List-Unsubscribe URL, without cookies.
        var unsubscribe = OnThisSite(UnsubscribeLink().Match(message).Groups["url"].Value);
        var oneClick = await page.Context.APIRequest.PostAsync(unsubscribe, new() { Form = page.Context.APIRequest.CreateFormData().Set("List-Unsubscribe", "One-Click") });
        Assert.Equal(200, oneClick.Status);

        await using var scope = site.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<DigestComposition>()
            .ComposeDueAsync(DateOnly.FromDateTime(site.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(40), dryRun: false, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(run.Lines, line => line.Contains(email, StringComparison.Ordinal));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Address == email, TestContext.Current.CancellationToken);
        Assert.Equal(SubscriptionState.Unsubscribed, subscription.State);
        Assert.Equal(DigestFrequency.Weekly, subscription.Frequency);
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.SubscriptionId == subscription.Id, TestContext.Current.CancellationToken));
    }

    private async Task<string> WaitForMessageToAsync(string email)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (Directory.Exists(site.OutboxDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(site.OutboxDirectory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
                    if (text.Contains("To: " + email, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"no message to {email} in {site.OutboxDirectory}");
    }

    // Links in mail name the configured public address; the test site listens on a port of its own.
    private string OnThisSite(string link)
    {
        var uri = new Uri(link);
        return new Uri(site.BaseAddress, uri.PathAndQuery).ToString();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/subscribe/confirm\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"List-Unsubscribe:\s*<(?<url>[^>]+)>")]
    private static partial Regex UnsubscribeLink();
}
