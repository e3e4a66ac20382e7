using System.Net;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Web;

public sealed class ErrorPagesTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task UnknownAddressesGetAnHtmlPageInBrowsersAndProblemDetailsElsewhere(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var client = app.CreateClient();

        var (response, page) = await HtmlPage.GetAsync(client, "/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.Text());
        Assert.Equal("/", page.LinkHref("See the latest papers"));

        using var api = await client.GetAsync("/api/no-such-endpoint", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
