using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

/// <summary>A member's first minutes in chromium: sign up, confirm by the emailed link, sign in, upvote in place and take it back.</summary>
public sealed partial class CommunityBrowserTests(LiveSite site)
{
    private const string Paper = "/papers/2407.20002";

    [Fact]
    public async Task SignUpConfirmSignInAndUpvoteInPlace()
    {
        var name = "reader-" + Guid.NewGuid().ToString("N")[..8];
        var email = name + "@example.org";
        var page = await site.OpenAsync("/signup");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Email address", new() { Exact = true }).First.FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct-horse-battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your inbox");

        await page.GotoAsync(OnThisSite(ConfirmLink().Match(await WaitForMessageToAsync(email)).Value));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Account confirmed");

        await page.GotoAsync(new Uri(site.BaseAddress, "/signin?returnUrl=" + Uri.EscapeDataString(Paper)).ToString());
        await page.GetByLabel("User name or email").FillAsync(name);
        await page.GetByLabel("Password").FillAsync("correct-horse-battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, Paper).ToString());
        await Expect(page.Locator(".account-nav")).ToContainTextAsync(name);

        var button = page.Locator("main .paper-actions .vote-button");
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        var before = int.Parse(await button.Locator(".vote-count").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        // vote.js sends the form by fetch: the page stays, the count and state change in place.
        // A mark on the page's window survives only if the page is not reloaded or left.
        await page.EvaluateAsync("() => { window.stayedOnPage = true; }");
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(button.Locator(".vote-count")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.stayedOnPage === true"));

        await page.ReloadAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(button.Locator(".vote-count")).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task AnAnonymousUpvoteAsksToSignInAndComesBack()
    {
        var page = await site.OpenAsync(Paper);
        await page.Locator("main .paper-actions .vote-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?returnUrl=%2Fpapers%2F2407.20002$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }

    private async Task<string> WaitForMessageToAsync(string email)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (Directory.Exists(site.OutboxDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(site.OutboxDirectory, "*.eml"))
                {
                    using var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                    if (message.To.Mailboxes.Any(m => m.Address == email))
                    {
                        return message.TextBody ?? "";
                    }
                }
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"no message to {email} in {site.OutboxDirectory}");
    }

    private string OnThisSite(string link) => new Uri(site.BaseAddress, new Uri(link).PathAndQuery).ToString();

    [GeneratedRegex(@"https?://[^\s""<>]+/account/confirm\?user=[0-9]+&code=[A-Za-z0-9_%\-]+")]
    private static partial Regex ConfirmLink();
}
