using System.Text;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Web;

public sealed class PageCacheTests
{
    private static readonly DateOnly Jul29 = new(2024, 7, 29);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ACachedPageIsTheSameBytesForEveryVisitorAndSetsNoCookie(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "A").On(Jul29));

        var first = await VisitAsync(app, "/papers/date/2024-07-29");
        var second = await VisitAsync(app, "/papers/date/2024-07-29");

        Assert.False(first.FromCache);
        Assert.True(second.FromCache, "the second visitor is served the cached page");
        Assert.Equal(first.Body, second.Body);
        Assert.Empty(first.Cookies);
        Assert.Empty(second.Cookies);
        Assert.DoesNotContain("__RequestVerificationToken", first.Body, StringComparison.Ordinal);
        Assert.Equal(second.BodyBytes, second.ContentLength);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task CachedPagesVaryBySortAndPageAndRefreshWhenEvicted(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.SeedAsync(new SeedPaper("2407.00001", "First") { Upvotes = 1 }.On(Jul29, hour: 9), new SeedPaper("2407.00002", "Second") { Upvotes = 2 }.On(Jul29, hour: 8));
        var client = app.CreateClient();
        var (_, byVotes) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");
        var (_, newest) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?sort=newest&utm_source=x");
        Assert.Equal(["Second", "First"], byVotes.CardTitles());
        Assert.Equal(["First", "Second"], newest.CardTitles());

        await app.SeedAsync(new SeedPaper("2407.00003", "Late arrival") { Upvotes = 3 }.On(Jul29));
        var (cachedResponse, cached) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29?utm_campaign=y");
        Assert.True(cachedResponse.Headers.Age is not null, "served from the cache within its lifetime");
        Assert.Equal(["Second", "First"], cached.CardTitles());

        await app.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PageCache.Tag, TestContext.Current.CancellationToken);
        var (_, fresh) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");
        Assert.Equal(["Late arrival", "Second", "First"], fresh.CardTitles());
    }

    private static async Task<(string Body, long BodyBytes, long? ContentLength, string[] Cookies, bool FromCache)> VisitAsync(AppFactory app, string url)
    {
        // A new client per visit: a first-time visitor without cookies.
        using var client = app.CreateClient(new() { HandleCookies = false });
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
        return (Encoding.UTF8.GetString(body), body.LongLength, response.Content.Headers.ContentLength, cookies, response.Headers.Age is not null);
    }
}
