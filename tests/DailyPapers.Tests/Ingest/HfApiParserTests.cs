using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class HfApiParserTests
{
    public static TheoryData<string> Files => new(IngestFixtures.All("hf-api").Select(Path.GetFileName)!);

    [Theory, MemberData(nameof(Files))]
    public void EveryRecordedApiShapeParsesCompletely(string name)
    {
        var items = IngestFixtures.Parse(IngestFixtures.PathOf("hf-api", name));

        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.Null(item.Error);
            var record = item.Record!;
            Assert.NotEmpty(record.Title);
            Assert.NotNull(record.Abstract);
            Assert.NotEmpty(record.Authors!);
            Assert.NotNull(record.PublishedAt);
            Assert.NotNull(record.Upvotes);
            Assert.NotNull(record.NumComments);
            // The file name says which day the API was asked for; that is the feed day.
            Assert.Equal(HfApiParser.DayFromFileName(name), record.FeaturedOn);
        });
        Assert.Equal(Enumerable.Range(1, items.Count).Select(i => $"{name}#{i}"), items.Select(i => i.Location));
    }

    [Fact]
    public void TheOldestShapeHasNoSubmitterOrLinks()
    {
        var first = IngestFixtures.Parse(IngestFixtures.PathOf("hf-api", "daily_papers__date=2024-06-03.json"))[0].Record!;

        Assert.Equal(new DateTime(2024, 5, 31, 17, 50, 1, DateTimeKind.Utc), first.PublishedAt);
        Assert.Equal(27, first.Upvotes);
        Assert.Equal(3, first.NumComments);
        Assert.Null(first.SubmittedBy);
        Assert.Null(first.SubmittedOnDailyAt);
        Assert.Null(first.AiSummary);
    }

    [Fact]
    public void TheNewestShapeMapsEveryField()
    {
        var first = IngestFixtures.Parse(IngestFixtures.PathOf("hf-api", "daily_papers__date=2026-07-09.json"))[0].Record!;

        Assert.Equal("https://github.com/SpectrAI-Initiative/SciReasoner", first.CodeUrl);
        Assert.Equal("https://scireasoner.github.io", first.ProjectUrl);
        Assert.Equal(1, first.GithubStars);
        Assert.Equal(60, first.Upvotes);
        Assert.Equal("Uanu", first.SubmittedBy);
        Assert.Equal(new DateTime(2026, 7, 9, 0, 0, 0, DateTimeKind.Utc), first.SubmittedOnDailyAt);
        Assert.Equal(new DateTime(2026, 7, 8, 0, 0, 0, DateTimeKind.Utc), first.PublishedAt);
        Assert.NotNull(first.AiSummary);
        Assert.Contains("multimodal scientific foundation model", first.AiKeywords!);
    }

    [Fact]
    public void TheSubmitterComesFromSubmittedOnDailyByOrElseSubmittedBy()
    {
        var may2025 = IngestFixtures.Parse(IngestFixtures.PathOf("hf-api", "daily_papers__date=2025-05-15.json"))[0].Record!;
        var nov2024 = IngestFixtures.Parse(IngestFixtures.PathOf("hf-api", "daily_papers__date=2024-11-07.json"))[0].Record!;

        Assert.Equal("jiuhai", may2025.SubmittedBy);
        Assert.Equal("songdj", nov2024.SubmittedBy);
    }

    [Fact]
    public void WithoutADayInTheNameTheDateOptionThenSubmittedOnDailyAtGiveTheDay()
    {
        var text = File.ReadAllText(IngestFixtures.PathOf("hf-api", "daily_papers__date=2025-06-23.json"));

        var fromOption = IngestFixtures.ParseText(HfApiParser.Parse, text, "response.json", new ImportOptions(new DateOnly(2025, 6, 24)));
        var fromSubmission = IngestFixtures.ParseText(HfApiParser.Parse, text, "response.json");
        var noDay = IngestFixtures.ParseText(HfApiParser.Parse, File.ReadAllText(IngestFixtures.PathOf("hf-api", "daily_papers__date=2024-06-03.json")), "response.json");

        Assert.All(fromOption, item => Assert.Equal(new DateOnly(2025, 6, 24), item.Record!.FeaturedOn));
        Assert.All(fromSubmission, item => Assert.Equal(DateOnly.FromDateTime(item.Record!.SubmittedOnDailyAt!.Value), item.Record.FeaturedOn));
        Assert.All(noDay, item => Assert.Null(item.Record!.FeaturedOn));
    }

    [Fact]
    public void ABadEntryIsSkippedAndABrokenArrayStopsWhereItBreaks()
    {
        var items = IngestFixtures.ParseText(HfApiParser.Parse, """
            [
              {"paper": {"id": "2405.15738", "title": "Fine", "upvotes": 3}},
              {"paper": {"id": "2405.15739", "title": "Wrong type", "upvotes": "many"}},
              {"numComments": 1},
              {"paper": {"id": "nope", "title": "Bad id"}},
              {"paper": {"id": "2405.15740", "title": "Last good"}},
              {"paper": {"id": "2405.15741", "title": "Cut off"
            """, "daily_papers__date=2024-06-03.json");

        Assert.Equal(["#1 ok", "#2 invalid JSON", "#3 missing paper", "#4 invalid arXiv id 'nope'", "#5 ok", "#6 invalid JSON"],
            items.Select(i => i.Location[i.Location.IndexOf('#', StringComparison.Ordinal)..] + " " + (i.Error is { } e ? e.Split(" at ", 2)[0].Split(" (", 2)[0].Split(':', 2)[0] : "ok")));
    }

    [Theory]
    [InlineData("daily_papers__date=2024-06-03.json", "2024-06-03")]
    [InlineData("2025-01-30.json.gz", "2025-01-30")]
    [InlineData("/data/2024-01-01/response.json", null)]
    [InlineData("daily_papers.json", null)]
    public void TheDayInAFileNameIsRead(string name, string? expected)
    {
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), HfApiParser.DayFromFileName(name));
    }
}
