using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Web;

public sealed class SiteFilesTests
{
    [Fact]
    public async Task RobotsTxtAndTheIconsAreServed()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var robots = await client.GetAsync("/robots.txt", ct);
        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        Assert.Equal("text/plain", robots.Content.Headers.ContentType?.MediaType);
        var rules = await robots.Content.ReadAsStringAsync(ct);
        Assert.Contains("User-agent: *", rules, StringComparison.Ordinal);
        Assert.Contains("Disallow: /api/", rules, StringComparison.Ordinal);

        var ico = await client.GetAsync("/favicon.ico", ct);
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType?.MediaType);
        // An ICO file: reserved 0, type 1 (icon), one image of 32x32.
        var bytes = await ico.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0, 32, 32 }, bytes[..8]);

        var svg = await client.GetAsync("/favicon.svg", ct);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var (_, home) = await HtmlPage.GetAsync(client, "/");
        Assert.Equal("/favicon.svg", home.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
    }
}
