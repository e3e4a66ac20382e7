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
        // Each entry is named by the line it starts on: in these pretty-printed responses, a line of
        // its own, "{" at the indentation of the array's elements.
        var lines = File.ReadAllLines(IngestFixtures.PathOf("hf-api", name));
        var entryStart = lines[1];
        Assert.Equal("{", entryStart.Trim());
        Assert.Equal(lines.Select((line, index) => (line, index)).Where(l => l.line == entryStart).Select(l => $"{name}:{l.index + 1}"),
            items.Select(i => i.Location));
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
    public void ABadEntryIsSkippedAndACutOffArrayStopsWhereItBreaks()
    {
        var (items, broken) = IngestFixtures.ParseTextToBreak(HfApiParser.Parse, """
            [
              {"paper": {"id": "2405.15738", "title": "Fine", "upvotes": 3}},
              {"paper": {"id": "2405.15739", "title": "Wrong type", "upvotes": "many"}},
              {"numComments": 1},
              {"paper": {"id": "nope", "title": "Bad id"}},
              {"paper": {"id": "2405.15740", "title": "Last good"}},
              {"paper": {"id": "2405.15741", "title": "Cut off"
            """, "daily_papers__date=2024-06-03.json");

        Assert.Equal([":2 ok", ":3 invalid JSON", ":4 missing paper", ":5 invalid arXiv id 'nope'", ":6 ok"],
            items.Select(i => i.Location[i.Location.IndexOf(':', StringComparison.Ordinal)..] + " " + (i.Error is { } e ? e.Split(" at ", 2)[0].Split(" (", 2)[0].Split(':', 2)[0] : "ok")));
        Assert.Equal("invalid JSON at $.paper.upvotes (line 3, column 74): expected a whole number", items[1].Error);
        Assert.NotNull(broken);
        Assert.Equal("daily_papers__date=2024-06-03.json:7", broken.Location);
        Assert.Equal("the file ends inside entry 6: it is cut off", broken.Reason);
    }

    [Theory]
    [InlineData("[\n  {\"paper\": {\"id\": \"2405.15738\", \"title\": \"One\"}},\n", "r.json:3", "the file ends after entry 1, before the array is closed: it is cut off")]
    [InlineData("[\n  {\"paper\": {\"id\": \"2405.15738\", \"title\": \"One\"}},\n  {\"paper\": } ,\n]", "r.json:3", "invalid JSON (line 3, column 13): '}' is an invalid start of a value; nothing after it can be read")]
    public void AnArrayThatBreaksOffKeepsTheEntriesBeforeAndSaysWhere(string text, string location, string reason)
    {
        var (items, broken) = IngestFixtures.ParseTextToBreak(HfApiParser.Parse, text, "r.json");

        Assert.Equal("2405.15738", Assert.Single(items).Record!.ArxivId);
        Assert.NotNull(broken);
        Assert.Equal((location, reason), (broken.Location, broken.Reason));
        Assert.Equal(location + ": " + reason, broken.Message);
    }

    [Fact]
    public void AHarvestedPageThatBreaksOffEndsWithTheBreakAsAnItem()
    {
        using var page = new MemoryStream("[{\"paper\": {\"id\": \"2405.15738\", \"title\": \"One\"}}, {\"pap"u8.ToArray());

        var items = HfApiParser.ReadResponse(page, "hf 2024-06-03", new ImportOptions());

        Assert.Equal(["hf 2024-06-03:1 ", "hf 2024-06-03:1:51 the file ends inside entry 2: it is cut off"], items.Select(i => i.Location + " " + i.Error));
    }

    [Fact]
    public void EntriesOfAMinifiedResponseShareLine1AndAreToldApartByColumn()
    {
        var items = IngestFixtures.ParseText(HfApiParser.Parse,
            """[{"paper": {"id": "2405.15738", "title": "One"}},{"paper": {"id": "bad", "title": "Two"}},{"paper": {"id": "2405.15740", "title": "Three"}}]""",
            "min.json");

        Assert.Equal(["min.json:1", "min.json:1:50", "min.json:1:91"], items.Select(i => i.Location));
        Assert.Equal("invalid arXiv id 'bad'", items[1].Error);
    }

    [Fact]
    public void InvalidUtf8InAnEntryIsReportedWithItsLineAndByteAndTheOtherEntriesImport()
    {
        var text = "[\n{\"paper\": {\"id\": \"2405.15738\", \"title\": \"One\"}},\n{\"paper\": {\"id\": \"2405.15739\",\n \"title\": \"T\u00FFwo\"}},\n{\"paper\": {\"id\": \"2405.15740\", \"title\": \"Three\"}}\n]";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        // Latin-1 for "ÿ": one byte 0xFF, never valid in UTF-8.
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes = [.. bytes[..at], 0xFF, .. bytes[(at + 2)..]];

        var items = HfApiParser.Parse(new MemoryStream(bytes), "r.json", new ImportOptions()).ToList();

        Assert.Equal(["2405.15738", null, "2405.15740"], items.Select(i => i.Record?.ArxivId));
        Assert.Equal("r.json:3", items[1].Location);
        Assert.Equal("invalid UTF-8 at line 4, byte 13 of the line (0xFF in $.paper.title)", items[1].Error);
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
