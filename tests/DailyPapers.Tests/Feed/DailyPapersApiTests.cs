using System.Text.Json;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DailyPapers.Tests.Infrastructure.CatalogSeed;

namespace DailyPapers.Tests.Feed;

public sealed class DailyPapersApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task WithoutAPeriodTheLatestDayIsServedInHuggingFaceShape(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var paper = seed.Paper("2407.00001", Utc(2024, 7, 25), upvotes: 12, title: "Attention", authors: ["Ada Lovelace", "Alan Turing"]);
            paper.CodeUrl = "https://github.com/example/attention";
            paper.ProjectUrl = "https://example.org/attention";
            paper.GithubStars = 5;
            paper.AiSummary = "A short summary.";
            paper.AiKeywords = "alpha, beta";
            paper.NumComments = 3;
            seed.Feature(paper, Day(2024, 7, 29), Utc(2024, 7, 29, 3, 44), submittedBy: "akhaliq");
            seed.Feature(seed.Paper("2407.00002", Utc(2024, 7, 24)), Day(2024, 7, 28));
            await db.SaveChangesAsync(Ct);
        });

        var (response, body) = await app.CreateClient().GetJsonAsync("/api/daily_papers");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, response.TotalCount());
        var entry = Assert.Single(body.EnumerateArray());
        Assert.Equal(
            ["isAuthorParticipating", "numComments", "paper", "publishedAt", "submittedBy", "summary", "thumbnail", "title"],
            entry.PropertyNames());
        var paperJson = entry.GetProperty("paper");
        Assert.Equal(
            ["ai_keywords", "ai_summary", "authors", "discussionId", "githubRepo", "githubStars", "id", "projectPage",
                "publishedAt", "submittedOnDailyAt", "submittedOnDailyBy", "summary", "title", "upvotes"],
            paperJson.PropertyNames());
        Assert.Equal("2407.00001", paperJson.GetProperty("id").GetString());
        // The arXiv date and the feed time are different facts and stay apart.
        Assert.Equal("2024-07-25T00:00:00Z", paperJson.GetProperty("publishedAt").GetString());
        Assert.Equal("2024-07-29T03:44:00Z", paperJson.GetProperty("submittedOnDailyAt").GetString());
        Assert.Equal("2024-07-25T00:00:00Z", entry.GetProperty("publishedAt").GetString());
        Assert.Equal("Attention", paperJson.GetProperty("title").GetString());
        Assert.Equal("Abstract of 2407.00001", paperJson.GetProperty("summary").GetString());
        Assert.Equal(12, paperJson.GetProperty("upvotes").GetInt32());
        Assert.Equal("https://github.com/example/attention", paperJson.GetProperty("githubRepo").GetString());
        Assert.Equal("https://example.org/attention", paperJson.GetProperty("projectPage").GetString());
        Assert.Equal(5, paperJson.GetProperty("githubStars").GetInt32());
        Assert.Equal("A short summary.", paperJson.GetProperty("ai_summary").GetString());
        Assert.Equal(["alpha", "beta"], paperJson.GetProperty("ai_keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("akhaliq", paperJson.GetProperty("submittedOnDailyBy").GetProperty("user").GetString());
        Assert.Equal("akhaliq", entry.GetProperty("submittedBy").GetProperty("name").GetString());
        Assert.Equal(3, entry.GetProperty("numComments").GetInt32());
        // No data, no invention: these are null rather than made up.
        Assert.Equal(JsonValueKind.Null, paperJson.GetProperty("discussionId").ValueKind);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("thumbnail").ValueKind);
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("isAuthorParticipating").ValueKind);

        var authors = paperJson.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(["Ada Lovelace", "Alan Turing"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.All(authors, a =>
        {
            Assert.Equal(["_id", "hidden", "name"], a.PropertyNames());
            Assert.True(long.TryParse(a.GetProperty("_id").GetString(), out _));
            Assert.False(a.GetProperty("hidden").GetBoolean());
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnEmptyCatalogAnswersAnEmptyArrayWithATotalOfZero(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var (response, body) = await app.CreateClient().GetJsonAsync("/api/daily_papers");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, body.GetArrayLength());
        Assert.Equal(0, response.TotalCount());
        Assert.Empty(response.Links());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task EachSortOrdersTheDayAsDocumented(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var day = Day(2024, 7, 29);
            seed.Feature(seed.Paper("2407.0000a", Utc(2024, 7, 20), upvotes: 5), day, Utc(2024, 7, 29, 1, 0));
            seed.Feature(seed.Paper("2407.0000b", Utc(2024, 7, 26), upvotes: 30), day, Utc(2024, 7, 29, 2, 0));
            seed.Feature(seed.Paper("2407.0000c", publishedAt: null, upvotes: 10), day, Utc(2024, 7, 29, 3, 0));
            seed.Feature(seed.Paper("2407.0000d", Utc(2024, 7, 27), upvotes: 10), day, Utc(2024, 7, 29, 4, 0));
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();

        async Task<string[]> Order(string query) =>
            (await client.GetJsonAsync("/api/daily_papers?date=2024-07-29" + query)).Body
                .Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!);

        // Most upvotes first (what Hugging Face serves without a sort); ties: latest on the feed first.
        Assert.Equal(["2407.0000b", "2407.0000d", "2407.0000c", "2407.0000a"], await Order(""));
        Assert.Equal(["2407.0000b", "2407.0000d", "2407.0000c", "2407.0000a"], await Order("&sort=upvotes"));
        // Newest arXiv date first; a paper without a date comes last on both databases.
        Assert.Equal(["2407.0000d", "2407.0000b", "2407.0000a", "2407.0000c"], await Order("&sort=publishedAt"));
        // The pages' order by time on the feed, latest first, is the same word here.
        Assert.Equal(["2407.0000d", "2407.0000c", "2407.0000b", "2407.0000a"], await Order("&sort=newest"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TrendingRanksAFreshPaperAboveAnOlderOneWithMoreUpvotes(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            // 50 / (100 h + 2)^1.5 ≈ 0.05 against 5 / (1 h + 2)^1.5 ≈ 0.96.
            seed.Feature(seed.Paper("2407.00001", upvotes: 50), today, now.AddHours(-100));
            seed.Feature(seed.Paper("2407.00002", upvotes: 5), today, now.AddHours(-1));
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();
        var date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var trending = (await client.GetJsonAsync($"/api/daily_papers?date={date}&sort=trending")).Body;
        var top = (await client.GetJsonAsync($"/api/daily_papers?date={date}")).Body;

        Assert.Equal(["2407.00002", "2407.00001"], trending.Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!));
        Assert.Equal(["2407.00001", "2407.00002"], top.Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task DateWeekAndMonthSelectTheirFeedDays(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Feature(seed.Paper("2406.00030"), Day(2024, 6, 30));
            seed.Feature(seed.Paper("2407.00028"), Day(2024, 7, 28)); // Sunday of 2024-W30
            seed.Feature(seed.Paper("2407.00029"), Day(2024, 7, 29)); // Monday of 2024-W31
            seed.Feature(seed.Paper("2408.00004"), Day(2024, 8, 4)); // Sunday of 2024-W31
            seed.Feature(seed.Paper("2408.00005"), Day(2024, 8, 5)); // Monday of 2024-W32
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();

        async Task<string[]> Ids(string query)
        {
            var (response, body) = await client.GetJsonAsync("/api/daily_papers?" + query);
            Assert.Equal(body.GetArrayLength(), response.TotalCount());
            return [.. body.Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["2407.00028"], await Ids("date=2024-07-28"));
        Assert.Equal(["2407.00029", "2408.00004"], await Ids("week=2024-W31"));
        Assert.Equal(["2407.00028", "2407.00029"], await Ids("month=2024-07"));
        Assert.Empty(await Ids("date=2024-07-30"));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task SubmitterFiltersEntriesAndFindsThatSubmittersLatestDay(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Feature(seed.Paper("2407.00001"), Day(2024, 7, 28), submittedBy: "akhaliq");
            seed.Feature(seed.Paper("2407.00002"), Day(2024, 7, 29), submittedBy: "akhaliq");
            seed.Feature(seed.Paper("2407.00003"), Day(2024, 7, 29), submittedBy: "someone");
            seed.Feature(seed.Paper("2407.00004"), Day(2024, 7, 30), submittedBy: "someone");
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();

        var onDay = (await client.GetJsonAsync("/api/daily_papers?date=2024-07-29&submitter=akhaliq")).Body;
        var latest = (await client.GetJsonAsync("/api/daily_papers?submitter=akhaliq")).Body;

        Assert.Equal(["2407.00002"], onDay.Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!));
        Assert.Equal(["2407.00002"], latest.Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!));
        Assert.All(onDay.EnumerateArray(), e => Assert.Equal("akhaliq", e.GetProperty("submittedBy").GetProperty("name").GetString()));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PagesFollowedByLinkHeadersCoverEveryEntryOnceDespiteTies(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            // Every sort key ties: same upvotes, arXiv date and feed time; one paper is on two days.
            var at = Utc(2024, 7, 29, 6, 0);
            for (var i = 0; i < 9; i++)
            {
                seed.Feature(seed.Paper($"2407.1000{i}", Utc(2024, 7, 25), upvotes: 7), Day(2024, 7, 29 + (i % 2)), at);
            }
            seed.Feature(db.Papers.Local.Single(p => p.ArxivId == "2407.10000"), Day(2024, 7, 30), at);
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();

        foreach (var sort in new[] { "upvotes", "publishedAt", "trending" })
        {
            var seen = new List<string>();
            string? url = $"/api/daily_papers?week=2024-W31&limit=3&sort={sort}";
            var pages = 0;
            while (url is not null)
            {
                var (response, body) = await client.GetJsonAsync(url);
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Equal(10, response.TotalCount());
                var links = response.Links();
                Assert.Equal(pages > 0, links.ContainsKey("prev"));
                seen.AddRange(body.Ids(e => e.GetProperty("paper").GetProperty("id").GetString()!));
                url = links.GetValueOrDefault("next");
                pages++;
            }
            Assert.Equal(4, pages);
            Assert.Equal(10, seen.Count);
            Assert.Equal(2, seen.Count(id => id == "2407.10000"));
            Assert.Equal(9, seen.Distinct().Count());
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task LimitAndPageBoundTheArrayWhileTheTotalStaysInTheHeader(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            for (var i = 0; i < 3; i++)
            {
                seed.Feature(seed.Paper($"2407.0000{i}", upvotes: i), Day(2024, 7, 29));
            }
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();

        var (one, oneBody) = await client.GetJsonAsync("/api/daily_papers?limit=1");
        var (all, allBody) = await client.GetJsonAsync("/api/daily_papers?limit=100");
        var (beyond, beyondBody) = await client.GetJsonAsync("/api/daily_papers?limit=2&p=5");

        Assert.Equal(1, oneBody.GetArrayLength());
        Assert.Equal(3, one.TotalCount());
        // Without a period the links name the day that was served, so later pages cannot drift to a newer day.
        Assert.Equal("http://localhost/api/daily_papers?limit=1&date=2024-07-29&p=1", one.Links()["next"]);
        Assert.Equal(3, allBody.GetArrayLength());
        Assert.Empty(all.Links());
        Assert.Equal(0, beyondBody.GetArrayLength());
        Assert.Equal(3, beyond.TotalCount());
        Assert.Contains("p=4", beyond.Links()["prev"], StringComparison.Ordinal);
    }

    public static TheoryData<Lane, string, string, string> InvalidQueries()
    {
        (string Query, string Parameter, string Expected)[] cases =
        [
            ("date=2024-13-01", "date", "YYYY-MM-DD"),
            ("date=yesterday", "date", "YYYY-MM-DD"),
            ("week=2024-W54", "week", "YYYY-Www"),
            ("month=2024-7", "month", "YYYY-MM"),
            ("date=2024-07-29&week=2024-W31", "date,week", "at most one"),
            ("sort=hot", "sort", "trending or publishedAt"),
            ("p=-1", "p", "page number"),
            ("p=first", "p", "page number"),
            ("limit=0", "limit", "1 to 100"),
            ("limit=101", "limit", "1 to 100"),
            ("limit=ten", "limit", "1 to 100"),
            // PostgreSQL cannot compare a NUL: this was a 500 on that lane.
            ("submitter=%00", "submitter", "control characters"),
            ("submitter=ak%01haliq", "submitter", "control characters"),
        ];
        var data = new TheoryData<Lane, string, string, string>();
        foreach (var lane in new[] { Lane.Sqlite, Lane.Postgres })
        {
            foreach (var (query, parameter, expected) in cases)
            {
                data.Add(lane, query, parameter, expected);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(InvalidQueries))]
    public async Task InvalidParametersAreProblemsNamingTheParameterAndItsForm(Lane lane, string query, string parameter, string expected)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var response = await app.CreateClient().GetAsync("/api/daily_papers?" + query, Ct);

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
