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
    [InlineData("arxiv-atom", "arxivpy-2016__id_list_1111.2011v2.xml", "atom")]
    [InlineData("arxiv-atom", "arxivpy-2016__search_query_au_del_maestro.xml", "atom")]
    [InlineData("arxiv-oai", "saelim__ListRecordsResponse.xml", "oai")]
    [InlineData("arxiv-oai", "saelim__ErrorResponseBadVerb.xml", "oai")]
    [InlineData("arxiv-oai", "throttled-ListRecords-arXiv.xml", "oai")]
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
    // One JSON array of objects, whatever its layout: a Hugging Face response.
    [InlineData("[{\"paper\": {\"id\": \"2405.15738\"}}, {\"paper\": {}}]\n", "hf-api")]
    [InlineData("[\n  {\n    \"paper\": {\"id\": \"2405.15738\"}\n  },\n  {\"paper\": {}}\n]\n", "hf-api")]
    [InlineData("[{\"paper\": {\"id\": \"2405.15738\"}},\n{\"paper\": {}}\n]", "hf-api")]
    [InlineData("[\n{\"paper\": {\"id\": \"2405.15738\"}}\n]", "hf-api")]
    [InlineData("[]", "hf-api")]
    // Damaged after its second line: still a response, so the parser keeps the entries before the damage.
    [InlineData("[\n  {\"paper\": {\"id\": \"2405.15738\"}},\n  {\"paper\": {\"id\": \"2405.15739\"}},\n  {\"paper\": }\n]", "hf-api")]
    // JSON lines whose first line is an array or junk: the lines after it decide.
    [InlineData("[\"2405.15738\", \"T\"]\n{\"id\": \"2405.15739\", \"title\": \"T\"}\n", "jsonl")]
    [InlineData("[{\"id\": \"2405.15738\", \"title\": \"T\"}]\n{\"id\": \"2405.15739\", \"title\": \"T\"}\n", "jsonl")]
    [InlineData("[]\n\n{\"id\": \"2405.15739\", \"title\": \"T\"}", "jsonl")]
    [InlineData("[broken\n{\"id\": \"2405.15739\", \"title\": \"T\"}", "jsonl")]
    [InlineData("[{\"id\": \"2405.15738\", \"title\": \"Cut off\n{\"id\": \"2405.15739\", \"title\": \"T\"}", "jsonl")]
    [InlineData("[1, 2]\n  {\"id\": \"0704.0001\", \"versions\": []}", "kaggle")]
    public void AFileStartingWithABracketIsAResponseOnlyWhenItReadsAsOneArrayOfObjects(string text, string expected)
    {
        Assert.Equal(expected, ImportFormats.Detect(InputHead.Read(Encoding.UTF8.GetBytes(text)))?.Name);
    }

    [Theory]
    [InlineData("{\"url\": \"x\", \"status_code\": 200, \"body\": \"<feed/>\"}")]
    [InlineData("id,title\n2405.15738,T")]
    [InlineData("")]
    [InlineData("[\"a\", \"b\"]\n[\"c\"]\n")]
    [InlineData("[\n{garbage\n")]
    public void InputsNoFormatKnowsAreNotGuessed(string text)
    {
        Assert.Null(ImportFormats.Detect(InputHead.Read(Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void FormatsAreFoundByTheirCommandLineNames()
    {
        Assert.Equal(["kaggle", "jsonl", "hf-api", "atom", "oai"], ImportFormats.Names);
        Assert.Same(ImportFormats.All[2], ImportFormats.Named("HF-API"));
        Assert.Null(ImportFormats.Named("csv"));
    }

    [Theory]
    [InlineData("arxiv-oai", "saelim__ListRecordsResponse.xml", 6, null)]
    [InlineData("arxiv-oai", "chain-page2-ListRecords-arXivRaw.xml", 2, 29)]
    [InlineData("arxiv-atom", "arxivpy-2016__search_query_au_del_maestro.xml", 10, null)]
    public void SavedArxivResponsesImportLikeAnyOtherFile(string kind, string name, int papers, int? badLine)
    {
        var items = IngestFixtures.Parse(IngestFixtures.PathOf(kind, name));

        // A deleted OAI record is not a paper; a record without a title is a problem with its place.
        Assert.Equal(papers, items.Count(item => item.Record is not null));
        Assert.Equal(badLine is null ? [] : [$"{name}:{badLine}"], items.Where(item => item.Error is not null).Select(item => item.Location));
    }
}
