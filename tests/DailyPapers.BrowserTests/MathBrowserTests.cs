using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

/// <summary>
/// LaTeX math in titles and abstracts rendered by KaTeX in chromium, under the site's own
/// Content-Security-Policy, and left as readable text with JavaScript off.
/// </summary>
public sealed class MathBrowserTests(LiveSite site)
{
    private const string RecordViolations =
        "window.cspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));";

    [Fact]
    public async Task ThePaperPageRendersTheMathInItsTitleAndAbstractWithoutBreakingThePolicy()
    {
        var page = await site.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(new Uri(site.BaseAddress, $"/papers/{SampleCatalog.MathPaper}").ToString());

        var title = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var abstractText = page.Locator("p.abstract");
        await Expect(title.Locator(".katex")).ToHaveCountAsync(1);
        await Expect(abstractText.Locator(".katex")).ToHaveCountAsync(4);
        // The visible text is the rendered math, not its source; the MathML copy keeps it readable to screen readers.
        await Expect(title).ToContainTextAsync("Trans-LoRA");
        Assert.DoesNotContain("$", await title.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\", await abstractText.InnerTextAsync(), StringComparison.Ordinal);
        await Expect(title.Locator("math annotation")).ToHaveTextAsync(@"\textit{Trans-LoRA}");
        // KaTeX's stylesheet applied (it hides the MathML copy) and its fonts loaded from the site.
        Assert.Equal("absolute", await title.Locator(".katex-mathml").EvaluateAsync<string>("e => getComputedStyle(e).position"));
        Assert.True(await page.EvaluateAsync<bool>("document.fonts.ready.then(() => document.fonts.check('1em KaTeX_Main'))"));
        // The <title> is the plain form.
        Assert.Equal("Trans-LoRA: towards data-free Transferable Parameter Efficient Finetuning · DailyPapers", await page.TitleAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
    }

    [Fact]
    public async Task WithJavaScriptOffTheMathStaysAsReadableText()
    {
        var page = await site.OpenAsync($"/papers/{SampleCatalog.MathPaper}", new() { JavaScriptEnabled = false });

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SampleCatalog.MathTitle);
        await Expect(page.Locator("p.abstract")).ToHaveTextAsync(SampleCatalog.MathAbstract);
        await Expect(page.Locator(".katex")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ASearchHitRendersMathItMarkedAndLeavesMoneyAlone()
    {
        var page = await site.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(new Uri(site.BaseAddress, "/search?q=lora+adapters+bugs").ToString());

        var hit = page.GetByRole(AriaRole.Article).Filter(new() { Has = page.Locator($"a[href='/papers/{SampleCatalog.MathPaper}']") });
        // "LoRA" matched inside the math: the mark holds the whole formula, and the formula is rendered in it.
        await Expect(hit.Locator(".card-title mark .katex")).ToHaveCountAsync(1);
        await Expect(hit.Locator(".card-abstract .katex")).ToHaveCountAsync(4);
        await Expect(hit.Locator(".card-abstract mark")).ToHaveTextAsync(["adapt", "adapters"]);
        var money = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Fixing Bugs" });
        await Expect(money.Locator(".card-title")).ToHaveTextAsync(SampleCatalog.MoneyTitle);
        await Expect(money.Locator(".katex")).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
    }

    [Fact]
    public async Task APageWithoutMathDoesNotLoadKatex()
    {
        var page = await site.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(new Uri(site.BaseAddress, "/authors/Mira%20Okafor").ToString());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Contains(requested, url => url.Contains("/math.js?v=", StringComparison.Ordinal));
        Assert.DoesNotContain(requested, url => url.Contains("/vendor/katex/", StringComparison.Ordinal));
    }
}
