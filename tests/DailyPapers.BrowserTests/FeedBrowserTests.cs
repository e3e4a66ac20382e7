using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

public sealed class FeedBrowserTests(LiveSite site)
{
    [Fact]
    public async Task AReaderOpensTheLatestDayGoesBackADayAndOpensAPaper()
    {
        var page = await site.OpenAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jul 29, 2024");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Long-Context Retrieval Without Positional Drift", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous day with papers: Jul 26" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/papers/date/2024-07-26").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jul 26, 2024");

        await page.GetByRole(AriaRole.Link, new() { Name = SampleCatalog.PaperOnPreviousDay, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SampleCatalog.PaperOnPreviousDay);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Abstract" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync($"{SampleCatalog.PaperOnPreviousDay} · DailyPapers");

        await page.GetByRole(AriaRole.Link, new() { Name = "Wei Zhang" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wei Zhang");
    }

    [Fact]
    public async Task ThePagesWorkWithJavaScriptTurnedOff()
    {
        var page = await site.OpenAsync("/papers/date/2024-07-29", new() { JavaScriptEnabled = false });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Period length" }).GetByRole(AriaRole.Link, new() { Name = "Week" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Week 31, 2024 · Jul 29 – Aug 4");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sort papers" }).GetByRole(AriaRole.Link, new() { Name = "Trending" }).ClickAsync();
        await Expect(page.GetByText("How trending is ranked:")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Previous week with papers: Week 30" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Week 30, 2024 · Jul 22 – Jul 28");
        await Expect(page.GetByRole(AriaRole.Article)).ToHaveCountAsync(3);

        var subscribe = page.Locator("form[action='/subscribe']");
        await Expect(subscribe.GetByLabel("Email address")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Search).GetByLabel("Search papers")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/papers/date/2024-07-29")]
    [InlineData("/papers/2407.18001")]
    public async Task PagesFitAPhoneScreenWithoutSidewaysScrolling(string path)
    {
        var page = await site.OpenAsync(path, new() { ViewportSize = new() { Width = 390, Height = 844 } });

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(width <= 390, $"{path} is {width}px wide at a 390px viewport");
    }
}
