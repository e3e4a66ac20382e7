using System.Text;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class ImportFormatsTests
{
    [Theory]
    [InlineData("jsonl", "hf-daily-papers-sample.jsonl", "jsonl")]
    [InlineData("jsonl", "arxiv-corpus-sample.jsonl.gz", "jsonl")]
    [InlineData("kaggle-snapshot", "wanng-ide__arxiv-metadata-oai-snapshot.json", "kaggle")]
    [InlineData("hf-api", "daily_papers__date=2024-06-03.json", "hf-api")]
    [InlineData("hf-api", "daily_papers__date=2026-07-09.json", "hf-api")]
    public void EachRecordedInputIsRecognizedByItsContent(string kind, string name, string expected)
    {
        Assert.Equal(expected, InputFile.DetectFormat(IngestFixtures.PathOf(kind, name))?.Name);
    }

    [Theory]
    [InlineData("\uFEFF  \n{\"id\": \"2405.15738\", \"title\": \"T\"}", '{', "id,title", null)]
    [InlineData("[{\"paper\": {}}]", '[', "", null)]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- c -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", '<', "", "feed")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">", '<', "", "OAI-PMH")]
    [InlineData("<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\"/>", '<', "", "feed")]
    [InlineData("{\"id\":\"0704.0001\",\"versions\":[{\"version\":\"v1\"", '{', "id,versions", null)]
    public void TheHeadTellsFirstCharacterKeysAndXmlRoot(string text, char first, string keys, string? root)
    {
        var head = InputHead.Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal(first, head.FirstChar);
        Assert.Equal(keys, string.Join(',', head.FirstObjectKeys.Order(StringComparer.Ordinal)));
        Assert.Equal(root, head.XmlRoot);
    }

    [Theory]
    [InlineData("{\"url\": \"x\", \"status_code\": 200, \"body\": \"<feed/>\"}")]
    [InlineData("id,title\n2405.15738,T")]
    [InlineData("")]
    public void InputsNoFormatKnowsAreNotGuessed(string text)
    {
        Assert.Null(ImportFormats.Detect(InputHead.Read(Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void FormatsAreFoundByTheirCommandLineNames()
    {
        Assert.Equal(["kaggle", "jsonl", "hf-api"], ImportFormats.Names);
        Assert.Same(ImportFormats.All[2], ImportFormats.Named("HF-API"));
        Assert.Null(ImportFormats.Named("csv"));
    }
}
