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
        await page.GotoAsync(new Uri(site.BaseAddress, "/search?q=lora+adapters").ToString());

        var hit = page.GetByRole(AriaRole.Article).Filter(new() { Has = page.Locator($"a[href='/papers/{SampleCatalog.MathPaper}']") });
        // "LoRA" matched inside the math: the mark holds the whole formula, and the formula is rendered in it.
        await Expect(hit.Locator(".card-title mark .katex")).ToHaveCountAsync(1);
        await Expect(hit.Locator(".card-abstract .katex")).ToHaveCountAsync(4);
        await Expect(hit.Locator(".card-abstract mark")).ToHaveTextAsync(["adapt", "adapters"]);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));

        // One query per paper: under the relevance floor a query must be about the paper it finds.
        await page.GotoAsync(new Uri(site.BaseAddress, "/search?q=fixing+bugs").ToString());
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

    // Texts whose math (or money) the server's MathSpans and math.js must read alike.
    private static readonly string[] Cases =
    [
        @"$\textit{Trans-LoRA}$: towards", "top-$K$ out of $N$ experts", @"in $\sim$20 Seconds", "$γ-$MoD",
        @"a $$\sum x$$ b \(y\) c \[z\]", @"$\text{a}\{b$ braces", @"$a\$b$ escaped dollar inside",
        "Earn $1 Million from Real-World", "prices from $5 to $10 a month", "Fixing 7,400 Bugs for 1$: Cheap",
        @"\$OneMillion-Bench and \$2 $x$", "$ x $ spaced dollars are not math", "empty $$$$", @"unclosed \(x and $y",
        @"M$^{2}$UGen and $\mathcal{O}(N^2)$ and $\frac{1}{8}$",
    ];

    /// <summary>The page script finds exactly the math the server finds (which the plain form and highlighting rely on).</summary>
    [Fact]
    public async Task ThePageScriptFindsTheSameMathAsTheServer()
    {
        var page = await site.OpenAsync("/subscribe");
        // The cases as marked elements, then math.js run once more over them, as the layout links it.
        await page.EvaluateAsync(@"cases => {
            const main = document.querySelector('main');
            for (const text of cases) { const p = document.createElement('p'); p.dataset.math = ''; p.className = 'case'; p.textContent = text; main.append(p); }
            const linked = document.querySelector('script[data-katex]');
            const again = document.createElement('script');
            again.src = linked.src; again.dataset.katex = linked.dataset.katex; again.dataset.katexCss = linked.dataset.katexCss;
            document.head.append(again);
        }", Cases);
        var expected = Cases.Select(text => DailyPapers.Papers.MathSpans.Find(text).Select(s => text[s.ContentStart..s.ContentEnd]).ToArray()).ToArray();
        await page.WaitForFunctionAsync("count => document.querySelectorAll('p.case .katex').length === count", expected.Sum(e => e.Length));

        var found = await page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('p.case')].map(p => [...p.querySelectorAll('annotation')].map(a => a.textContent))");

        Assert.Equal(expected, found);
    }
}
