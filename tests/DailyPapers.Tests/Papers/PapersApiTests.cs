using System.Text.Json;
using DailyPapers.Tests.Infrastructure;
using static DailyPapers.Tests.Infrastructure.CatalogSeed;

namespace DailyPapers.Tests.Papers;

public sealed class PapersApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APaperIsServedWithTheHuggingFaceFieldsAndTheCatalogsExtras(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var paper = seed.Paper("2405.15738", Utc(2024, 5, 24, 17, 59), upvotes: 42, title: "ConvLLaVA", authors: ["Chunjiang Ge", "Gao Huang"]);
            paper.UpdatedAt = Utc(2024, 6, 1);
            paper.Comments = "17 pages";
            paper.JournalRef = "NeurIPS 2024";
            paper.Doi = "10.1000/example";
            // Featured twice: the paper object reports its first appearance.
            seed.Feature(paper, Day(2024, 5, 28), Utc(2024, 5, 28, 4, 0), submittedBy: "akhaliq");
            seed.Feature(paper, Day(2024, 5, 27), Utc(2024, 5, 27, 9, 30), submittedBy: "first");
            await db.SaveChangesAsync(Ct);
        });

        var (response, body) = await app.CreateClient().GetJsonAsync("/api/papers/2405.15738");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(
            ["ai_keywords", "ai_summary", "authors", "categories", "comments", "daysFeatured", "discussionId", "doi",
                "githubRepo", "githubStars", "id", "journalRef", "links", "primaryCategory", "projectPage", "publishedAt",
                "submittedOnDailyAt", "submittedOnDailyBy", "summary", "title", "updatedAt", "upvotes"],
            body.PropertyNames());
        Assert.Equal("2405.15738", body.GetProperty("id").GetString());
        Assert.Equal("2024-05-24T17:59:00Z", body.GetProperty("publishedAt").GetString());
        Assert.Equal("2024-05-27T09:30:00Z", body.GetProperty("submittedOnDailyAt").GetString());
        Assert.Equal("first", body.GetProperty("submittedOnDailyBy").GetProperty("name").GetString());
        Assert.Equal("2024-06-01T00:00:00Z", body.GetProperty("updatedAt").GetString());
        Assert.Equal(["cs.CL", "cs.AI"], body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("cs.CL", body.GetProperty("primaryCategory").GetString());
        Assert.Equal("17 pages", body.GetProperty("comments").GetString());
        Assert.Equal("NeurIPS 2024", body.GetProperty("journalRef").GetString());
        Assert.Equal("10.1000/example", body.GetProperty("doi").GetString());
        Assert.Equal(["2024-05-27", "2024-05-28"], body.GetProperty("daysFeatured").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["Chunjiang Ge", "Gao Huang"], body.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        var links = body.GetProperty("links");
        Assert.Equal("http://localhost/papers/2405.15738", links.GetProperty("page").GetString());
        Assert.Equal("https://arxiv.org/abs/2405.15738", links.GetProperty("arxiv").GetString());
        Assert.Equal("https://arxiv.org/pdf/2405.15738", links.GetProperty("pdf").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("githubRepo").ValueKind);
    }

    public static TheoryData<Lane, string, string> IdSpellings()
    {
        (string Path, string Expected)[] spellings =
        [
            ("2405.15738v3", "2405.15738"),
            ("arXiv:2405.15738", "2405.15738"),
            ("hep-th/9901001", "hep-th/9901001"),
            ("hep-th/9901001v2", "hep-th/9901001"),
            ("hep-th%2F9901001", "hep-th/9901001"),
            ("math.GT/0309136", "math.GT/0309136"),
        ];
        var data = new TheoryData<Lane, string, string>();
        foreach (var lane in new[] { Lane.Sqlite, Lane.Postgres })
        {
            foreach (var (path, expected) in spellings)
            {
                data.Add(lane, path, expected);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(IdSpellings))]
    public async Task VersionedAndOldStyleIdsFindTheirPaper(Lane lane, string path, string expected)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Paper("2405.15738");
            seed.Paper("hep-th/9901001");
            seed.Paper("math.GT/0309136");
            await db.SaveChangesAsync(Ct);
        });

        var (response, body) = await app.CreateClient().GetJsonAsync("/api/papers/" + path);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expected, body.GetProperty("id").GetString());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnUnknownIdIsNotFoundAndAMalformedOneIsABadRequest(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var client = app.CreateClient();

        var unknown = await (await client.GetAsync("/api/papers/2405.99999", Ct)).AssertProblemAsync(404);
        var oldUnknown = await (await client.GetAsync("/api/papers/hep-th/9901001", Ct)).AssertProblemAsync(404);
        foreach (var malformed in new[] { "not-an-id", "2405.1", "hep-th/99", "2405.15738/extra", "%20" })
        {
            var problem = await (await client.GetAsync("/api/papers/" + malformed, Ct)).AssertProblemAsync(400);
            Assert.Equal("arxivId", problem.GetProperty("parameter").GetString());
            Assert.Contains("2405.15738", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Contains("2405.99999", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("hep-th/9901001", oldUnknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheCursorWalksEveryPaperNewestFirstAcrossPagesWithTiedDates(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Paper("2407.00001", Utc(2024, 7, 1));
            seed.Paper("2407.00002", Utc(2024, 7, 3));
            seed.Paper("2407.00003", Utc(2024, 7, 2));
            seed.Paper("2407.00004", Utc(2024, 7, 2));
            seed.Paper("2407.00005", Utc(2024, 7, 2));
            seed.Paper("2407.00006", publishedAt: null);
            seed.Paper("2407.00007", publishedAt: null);
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();
        var ids = await app.WithDbAsync(db => Task.FromResult(db.Papers.ToDictionary(p => p.ArxivId, p => p.Id)));
        // Newest first; equal dates by id descending (insertion order here); undated papers last.
        string[] expected = [.. new[] { "2407.00002" }
            .Concat(new[] { "2407.00003", "2407.00004", "2407.00005" }.OrderByDescending(id => ids[id]))
            .Append("2407.00001")
            .Concat(new[] { "2407.00006", "2407.00007" }.OrderByDescending(id => ids[id]))];

        var seen = new List<string>();
        string? url = "/api/papers?limit=2";
        while (url is not null)
        {
            var (response, body) = await client.GetJsonAsync(url);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(7, response.TotalCount());
            Assert.InRange(body.GetArrayLength(), 1, 2);
            seen.AddRange(body.Ids(p => p.GetProperty("id").GetString()!));
            url = response.Links().GetValueOrDefault("next");
            Assert.True(url is null || url.StartsWith("http://localhost/api/papers?limit=2&cursor=", StringComparison.Ordinal), url);
        }

        Assert.Equal(expected, seen);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheListCarriesAuthorsAndFeedDaysForEveryPaper(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var first = seed.Paper("2407.00001", Utc(2024, 7, 1), authors: ["Shared Author", "Solo"]);
            seed.Paper("2407.00002", Utc(2024, 7, 2), authors: ["Shared Author"]);
            seed.Feature(first, Day(2024, 7, 3), submittedBy: "akhaliq");
            await db.SaveChangesAsync(Ct);
        });

        var (response, body) = await app.CreateClient().GetJsonAsync("/api/papers");

        Assert.Empty(response.Links());
        var papers = body.EnumerateArray().ToList();
        Assert.Equal(["2407.00002", "2407.00001"], papers.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(["Shared Author"], papers[0].GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(["Shared Author", "Solo"], papers[1].GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(
            papers[0].GetProperty("authors")[0].GetProperty("_id").GetString(),
            papers[1].GetProperty("authors")[0].GetProperty("_id").GetString());
        Assert.Equal(0, papers[0].GetProperty("daysFeatured").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, papers[0].GetProperty("submittedOnDailyAt").ValueKind);
        Assert.Equal(["2024-07-03"], papers[1].GetProperty("daysFeatured").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("akhaliq", papers[1].GetProperty("submittedOnDailyBy").GetProperty("user").GetString());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ABadOrTamperedCursorAndABadLimitAreBadRequests(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            seed.Paper("2407.00001", Utc(2024, 7, 1));
            seed.Paper("2407.00002", Utc(2024, 7, 2));
            await db.SaveChangesAsync(Ct);
        });
        var client = app.CreateClient();
        var next = (await client.GetAsync("/api/papers?limit=1", Ct)).Links()["next"];
        var cursor = Uri.UnescapeDataString(next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..]);
        var tampered = cursor[..20] + (cursor[20] == 'A' ? 'B' : 'A') + cursor[21..];

        Assert.Equal(200, (int)(await client.GetAsync(next, Ct)).StatusCode);
        foreach (var bad in new[] { "garbage", "!!!", tampered, cursor[..^4] })
        {
            var problem = await (await client.GetAsync("/api/papers?cursor=" + Uri.EscapeDataString(bad), Ct)).AssertProblemAsync(400);
            Assert.Equal("cursor", problem.GetProperty("parameter").GetString());
        }
        foreach (var limit in new[] { "0", "101", "many" })
        {
            var problem = await (await client.GetAsync("/api/papers?limit=" + limit, Ct)).AssertProblemAsync(400);
            Assert.Equal("limit", problem.GetProperty("parameter").GetString());
        }
        Assert.Equal(2, (await client.GetJsonAsync("/api/papers?limit=100")).Body.GetArrayLength());
    }
}
