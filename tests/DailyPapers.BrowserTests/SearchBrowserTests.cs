using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

public sealed class SearchBrowserTests(LiveSite site)
{
    [Fact]
    public async Task AReaderSearchesFromTheHeaderBoxOpensTheFirstHitAndSeesSimilarPapers()
    {
        var page = await site.OpenAsync("/");

        var box = page.GetByRole(AriaRole.Search).GetByLabel("Search papers");
        await box.FillAsync("robot arms");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/search?q=robot+arms").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Results for robot arms");
        var first = page.GetByRole(AriaRole.Article).First;
        await Expect(first.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Diffusion Policies for Cheap Robot Arms");
        await Expect(first.Locator(".card-title mark")).ToHaveTextAsync(["Robot", "Arms"]);

        await first.GetByRole(AriaRole.Link, new() { Name = "Diffusion Policies for Cheap Robot Arms", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Diffusion Policies for Cheap Robot Arms");
        var similar = page.GetByRole(AriaRole.Region, new() { Name = "Similar papers" });
        await Expect(similar.GetByRole(AriaRole.Heading, new() { Name = "Similar papers" })).ToBeVisibleAsync();
        // Every other paper of the small sample catalog.
        await Expect(similar.GetByRole(AriaRole.Link)).ToHaveCountAsync(SampleCatalog.PaperCount - 1);
        Assert.DoesNotContain("/papers/2407.18002", await similar.GetByRole(AriaRole.Link).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
    }

    [Fact]
    public async Task TheSearchPageFitsAPhoneScreenWithoutSidewaysScrolling()
    {
        var page = await site.OpenAsync("/search?q=models&cat=cs.LG&featured=1", new() { ViewportSize = new() { Width = 390, Height = 844 } });

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(width <= 390, $"the search page is {width}px wide at a 390px viewport");
    }
}
