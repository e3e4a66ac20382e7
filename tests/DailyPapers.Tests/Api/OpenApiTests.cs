using System.Text.Json;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Api;

public sealed class OpenApiTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheDocumentNamesSummarizesTagsAndDescribesEveryApiEndpoint(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var (response, document) = await app.CreateClient().GetJsonAsync("/openapi/v1.json");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        (string Path, string OperationId, int[] Statuses, string[] Parameters)[] expected =
        [
            ("/api/daily_papers", "ListDailyPapers", [200, 400], ["date", "week", "month", "submitter", "sort", "p", "limit"]),
            ("/api/papers", "ListPapers", [200, 400], ["cursor", "limit"]),
            ("/api/papers/{arxivId}", "GetPaper", [200, 400, 404], ["arxivId"]),
            ("/papers.atom", "ShowLatestFeed", [200, 400], ["cat", "xcat", "kw", "xkw"]),
            ("/papers/date/{day}.atom", "ShowDayFeed", [200, 400], ["day"]),
            ("/api/papers/search", "SearchPapers", [200, 400], ["q", "from", "to", "cat", "featured", "sort", "p", "limit"]),
            ("/api/papers/{arxivId}/similar", "GetSimilarPapers", [200, 400, 404], ["arxivId", "limit"]),
            ("/papers/search.atom", "ShowSearchFeed", [200, 400], ["q", "from", "to", "cat", "featured", "sort", "xcat", "kw", "xkw"]),
        ];
        foreach (var (path, operationId, statuses, parameters) in expected)
        {
            var operation = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), path);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), path);
            Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
            var documented = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            Assert.Equal(parameters, documented.Select(p => p.GetProperty("name").GetString()));
            Assert.All(documented, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
            var responses = operation.GetProperty("responses");
            Assert.Equal(statuses.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), responses.PropertyNames());
            Assert.All(statuses.Where(s => s >= 400), s => Assert.True(
                responses.GetProperty(s.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content").TryGetProperty("application/problem+json", out _)));
        }
        Assert.True(paths.GetProperty("/papers.atom").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("application/atom+xml", out _));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSchemasUseHuggingFacesFieldNamesAndPlainIntegers(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var (_, document) = await app.CreateClient().GetJsonAsync("/openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paper = schemas.GetProperty("PaperDto").GetProperty("properties");
        Assert.Equal(
            ["ai_keywords", "ai_summary", "authors", "discussionId", "githubRepo", "githubStars", "id", "projectPage",
                "publishedAt", "submittedOnDailyAt", "submittedOnDailyBy", "summary", "title", "upvotes"],
            paper.PropertyNames());
        Assert.Equal(["_id", "hidden", "name"], schemas.GetProperty("PaperAuthorDto").GetProperty("properties").PropertyNames());
        Assert.Equal(
            ["isAuthorParticipating", "numComments", "paper", "publishedAt", "submittedBy", "summary", "thumbnail", "title"],
            schemas.GetProperty("DailyPaperDto").GetProperty("properties").PropertyNames());
        Assert.Equal("integer", paper.GetProperty("upvotes").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Array, paper.GetProperty("githubStars").GetProperty("type").ValueKind);
        Assert.DoesNotContain("string", paper.GetProperty("githubStars").GetProperty("type").EnumerateArray().Select(t => t.GetString()));
    }
}
