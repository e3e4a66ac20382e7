using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class JsonlParserTests
{
    [Fact]
    public void EveryLineOfTheArxivCorpusSampleParses()
    {
        var items = IngestFixtures.Parse(IngestFixtures.PathOf("jsonl", "arxiv-corpus-sample.jsonl.gz"));

        Assert.Equal(2966, items.Count);
        Assert.All(items, item => Assert.Null(item.Error));
        Assert.Equal(2966, items.Select(i => i.Record!.ArxivId).Distinct().Count());
        Assert.All(items, item => Assert.All(item.Record!.Categories ?? [], category => Assert.True(RecordText.IsArxivCategory(category), category)));
        Assert.Contains(items, item => item.Record!.CodeUrl is not null);
    }

    [Fact]
    public void ArxivCorpusLinesKeepArxivCategoriesPrimaryFirst()
    {
        var first = IngestFixtures.Parse(IngestFixtures.PathOf("jsonl", "arxiv-corpus-sample.jsonl.gz"))[0];

        Assert.Equal("arxiv-corpus-sample.jsonl.gz:1", first.Location);
        var record = first.Record!;
        Assert.Equal("1804.06498", record.ArxivId);
        Assert.Equal("Deep Multimodal Subspace Clustering Networks", record.Title);
        Assert.Equal(["Mahdi Abavisani", "Vishal M. Patel"], record.Authors);
        Assert.Equal(["cs.LG", "cs.AI", "cs.CV", "stat.ML"], record.Categories);
        Assert.Null(record.PublishedAt);
        Assert.Null(record.FeaturedOn);
        Assert.Null(record.Version);
    }

    [Fact]
    public void HuggingFaceLinesCarryTheirDayUpvotesAndComments()
    {
        var records = IngestFixtures.Parse(IngestFixtures.PathOf("jsonl", "hf-daily-papers-sample.jsonl")).Select(i => i.Record!).ToList();

        Assert.Equal(30, records.Count);
        var titleOnly = records.First(r => r.Abstract is null);
        Assert.Null(titleOnly.Authors);
        Assert.NotNull(titleOnly.FeaturedOn);
        var withComments = records.First(r => r.NumComments is not null);
        Assert.NotNull(withComments.Upvotes);
        Assert.NotNull(withComments.PublishedAt);
        Assert.Equal(TimeSpan.Zero, withComments.PublishedAt!.Value.TimeOfDay);
        Assert.Contains(records, r => r.FeaturedOn is null);
    }

    [Fact]
    public void ABrokenLineIsReportedWithItsLineNumberAndTheRestStillParses()
    {
        var items = IngestFixtures.ParseText(JsonlParser.Parse, string.Join('\n',
            """{"id": "2405.15738", "title": "Good one"}""",
            """{"id": "2405.15739", "title": "Cut off""",
            "",
            """{"title": "No id"}""",
            """{"id": "not-an-id", "title": "Bad id"}""",
            """{"id": "2405.15740", "title": "  "}""",
            """{"id": "2405.15741", "title": "Bad authors", "authors": "A and B"}""",
            """{"id": "2405.15742", "title": "Bad date", "published": "yesterday"}""",
            """{"id": "2405.15743v2", "title": "Good two"}"""), "papers.jsonl");

        Assert.Equal(
            [
                "papers.jsonl:1 ok",
                "papers.jsonl:2 invalid JSON at $.title",
                "papers.jsonl:4 missing id",
                "papers.jsonl:5 invalid arXiv id 'not-an-id'",
                "papers.jsonl:6 missing title",
                "papers.jsonl:7 invalid JSON at $.authors",
                "papers.jsonl:8 invalid published 'yesterday'",
                "papers.jsonl:9 ok",
            ],
            items.Select(i => i.Location + " " + (i.Error is { } e ? e.Split(':', 2)[0].Split(" (", 2)[0] : "ok")));
        Assert.Equal(2, items[^1].Record!.Version);
    }
}
