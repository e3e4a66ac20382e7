using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Web;

public sealed partial class KatexFilesTests
{
    [GeneratedRegex(@"url\(([^)]+)\)")]
    private static partial Regex CssUrl();

    // Every page links the math script with KaTeX's addresses; the script, the stylesheet and every
    // font it names are served and may be cached for a year, because each address carries the
    // file's content hash, fonts included (a KaTeX upgrade gives them new addresses).
    [Fact]
    public async Task TheMathScriptKatexAndEveryFontItsStylesheetNamesAreServedCacheableForAYear()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var (_, home) = await HtmlPage.GetAsync(client, "/");
        var math = home.QuerySelector("script[data-katex]")!;

        foreach (var (address, type) in new[]
        {
            (math.GetAttribute("src")!, "text/javascript"),
            (math.GetAttribute("data-katex")!, "text/javascript"),
            (math.GetAttribute("data-katex-css")!, "text/css"),
        })
        {
            Assert.Matches(@"\?v=[0-9a-f]{12}$", address);
            var response = await client.GetAsync(address, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }

        var stylesheetAddress = new Uri(new Uri("http://localhost"), math.GetAttribute("data-katex-css"));
        var css = await client.GetStringAsync(stylesheetAddress, ct);
        var fonts = CssUrl().Matches(css).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(20, fonts.Count);
        foreach (var font in fonts)
        {
            var response = await client.GetAsync(new Uri(stylesheetAddress, font), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("font/woff2", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            var hash = Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync(ct)))[..12];
            Assert.EndsWith($".woff2?v={hash}", font, StringComparison.Ordinal);
        }
    }
}
