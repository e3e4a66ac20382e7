using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DailyPapers.BrowserTests;

/// <summary>
/// The site's pages under its own Content-Security-Policy in a real browser: nothing is blocked
/// (no inline script or style, nothing from elsewhere; KaTeX's math included), and the scripts still work.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(LiveSite site)
{
    /// <summary>Collects every violation the page reports, from before its first byte is parsed.</summary>
    private const string RecordViolations =
        "window.cspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at line ' + e.lineNumber));";

    [Theory]
    [InlineData("/")]
    [InlineData("/papers/date/2024-07-26")]
    [InlineData("/papers/2407.20001")]
    [InlineData("/papers/2405.17258")]
    [InlineData("/papers/date/2024-06-03")]
    [InlineData("/authors/Mira%20Okafor")]
    [InlineData("/search")]
    [InlineData("/search?q=robot+arms")]
    [InlineData("/search?q=lora")]
    [InlineData("/subscribe")]
    [InlineData("/no/such/page")]
    public async Task ThePageBreaksNoRuleOfThePolicy(string path)
    {
        var (page, console) = await OpenWatchedAsync();

        var response = await page.GotoAsync(new Uri(site.BaseAddress, path).ToString());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        Assert.Empty(await ViolationsAsync(page, console));
        // The stylesheet applied: only site.css takes the skip link out of the flow.
        Assert.Equal("absolute", await page.Locator(".skip-link").EvaluateAsync<string>("link => getComputedStyle(link).position"));
    }

    [Fact]
    public async Task TheSubscribeScriptStillKeepsTheReaderOnThePageUnderThePolicy()
    {
        var (page, console) = await OpenWatchedAsync();
        await page.GotoAsync(new Uri(site.BaseAddress, "/papers/2407.20002").ToString());
        var box = page.Locator("form.subscribe-form");

        await box.GetByLabel("Email address").FillAsync($"csp.{Guid.NewGuid():N}@example.org");
        await box.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await Expect(box.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox");
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/papers/2407.20002").ToString());
        Assert.Empty(await ViolationsAsync(page, console));
    }

    /// <summary>The check above can fail: an inline script added to a page is blocked and reported.</summary>
    [Fact]
    public async Task AnInlineScriptIsBlockedAndReported()
    {
        var (page, console) = await OpenWatchedAsync();
        await page.GotoAsync(new Uri(site.BaseAddress, "/").ToString());

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s); }");
        await page.WaitForFunctionAsync("window.cspViolations.length > 0");

        Assert.False(await page.EvaluateAsync<bool>("window.inlineRan === true"));
        Assert.Contains(await ViolationsAsync(page, console), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }

    private async Task<(IPage Page, List<string> Console)> OpenWatchedAsync()
    {
        var page = await site.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync(RecordViolations);
        return (page, console);
    }

    /// <summary>Violations the page's own event reported, then the browser's console messages about the policy.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page, List<string> console) =>
        [.. await page.EvaluateAsync<string[]>("window.cspViolations"), .. console];
}
