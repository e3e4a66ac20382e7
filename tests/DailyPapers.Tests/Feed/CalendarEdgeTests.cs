using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Feed;

/// <summary>
/// A catalog can already hold feed days at the ends of the calendar (written before imports checked
/// days, or by another writer): every feed page, API and feed must still answer, with no neighbour
/// link past the last or before the first representable day.
/// </summary>
public sealed class CalendarEdgeTests
{
    private static readonly DateOnly Jul29 = new(2024, 7, 29);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task FeedDaysAtTheEndsOfTheCalendarDoNotBreakAnyFeedPage(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        // Seeded straight into the database, as rows from before the import's day window would be.
        await app.SeedAsync(
            new SeedPaper("2407.00001", "An ordinary paper").On(Jul29),
            new SeedPaper("2501.00002", "Dated the last day of the calendar").On(DateOnly.MaxValue),
            new SeedPaper("2501.00003", "Dated the first day of the calendar").On(DateOnly.MinValue));
        var client = app.CreateClient();

        string[] urls =
        [
            "/", "/papers", "/papers/date/9999-12-31", "/papers/week/9999-W52", "/papers/month/9999-12",
            "/papers/date/2024-07-29", "/papers/week/2024-W31", "/papers/month/2024-07",
            "/papers/date/0001-01-01", "/papers/week/0001-W01", "/papers/month/0001-01",
            "/papers/date/9999-12-31?sort=trending", "/papers/week/9999-W52?sort=newest",
            "/api/daily_papers", "/api/daily_papers?date=9999-12-31", "/api/daily_papers?week=9999-W52",
            "/api/daily_papers?month=9999-12", "/api/daily_papers?date=0001-01-01&sort=trending",
            "/papers.atom", "/papers/date/9999-12-31.atom", "/papers/date/0001-01-01.atom",
            "/papers/2501.00002", "/api/papers/2501.00002",
        ];
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        }

        var (_, last) = await HtmlPage.GetAsync(client, "/papers/date/9999-12-31");
        Assert.Equal(["Dated the last day of the calendar"], last.CardTitles());
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.Equal("/papers/date/2024-07-29", last.QuerySelector("a[rel=prev]")!.GetAttribute("href"));

        var (_, ordinary) = await HtmlPage.GetAsync(client, "/papers/week/2024-W31");
        Assert.Equal("/papers/week/9999-W52", ordinary.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/papers/week/0001-W01", ordinary.QuerySelector("a[rel=prev]")!.GetAttribute("href"));

        var (_, first) = await HtmlPage.GetAsync(client, "/papers/month/0001-01");
        Assert.Null(first.QuerySelector("a[rel=prev]"));
    }
}
