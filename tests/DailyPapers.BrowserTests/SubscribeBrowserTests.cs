using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

public sealed class SubscribeBrowserTests(LiveSite site)
{
    [Fact]
    public async Task WithJavaScriptTheBoxSubscribesWithoutLeavingThePage()
    {
        var page = await site.OpenAsync("/papers/date/2024-07-29");
        var box = page.Locator("form.subscribe-form");

        await box.GetByLabel("Email address").FillAsync($"js.{Guid.NewGuid():N}@example.org");
        await box.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Expect(box.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox");
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/papers/date/2024-07-29").ToString());
    }

    [Fact]
    public async Task WithoutJavaScriptTheBoxLeadsToAFormWithATokenAndOneMoreClickSubscribes()
    {
        var page = await site.OpenAsync("/papers/date/2024-07-29", new() { JavaScriptEnabled = false });
        var email = $"nojs.{Guid.NewGuid():N}@example.org";

        await page.Locator("form.subscribe-form").GetByLabel("Email address").FillAsync(email);
        await page.Locator("form.subscribe-form").GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Confirm your subscription");
        var form = page.GetByRole(AriaRole.Main).Locator("form");
        await Expect(form.GetByLabel("Email address")).ToHaveValueAsync(email);
        await form.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your inbox");
    }
}
