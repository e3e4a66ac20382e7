using System.Text;
using System.Text.Json;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// Text that is not quite text in JSON records: invalid UTF-8 is reported with its line and byte,
/// an escaped lone surrogate is read (and left to the cleaning every text gets), and the records
/// around either import.
/// </summary>
public sealed class JsonTextTests
{
    private static readonly JsonSerializerOptions Lenient = new() { Converters = { new LoneSurrogateStringConverter() } };

    // "Café" written by a Latin-1 tool: é is the one byte 0xE9, which UTF-8 only allows before two continuation bytes.
    private static byte[] Latin1Cafe(string jsonWithCafe)
    {
        var bytes = Encoding.UTF8.GetBytes(jsonWithCafe);
        var e = bytes.AsSpan().IndexOf("\u00e9"u8);
        return [.. bytes[..e], 0xE9, .. bytes[(e + 2)..]];
    }

    [Fact]
    public void InvalidUtf8InAJsonLineIsReportedWithItsByteAndTheLinesAroundItImport()
    {
        var bytes = Latin1Cafe(string.Join('\n',
            """{"id": "2405.15738", "title": "Before"}""",
            """{"id": "2405.15739", "title": "Café society"}""",
            """{"id": "2405.15740", "title": "After"}"""));

        var items = JsonlParser.Parse(new MemoryStream(bytes), "papers.jsonl", new ImportOptions()).ToList();

        Assert.Equal(["2405.15738", null, "2405.15740"], items.Select(i => i.Record?.ArxivId));
        Assert.Equal("papers.jsonl:2", items[1].Location);
        Assert.Equal("invalid UTF-8 at byte 35 of the line (0xE9 in $.title)", items[1].Error);
    }

    [Fact]
    public void InvalidUtf8OutsideAStringIsReportedWithoutAField()
    {
        var bytes = Latin1Cafe("""{"id": "0704.0001", "title": "T", "versions": [], "x": 1, é}""");

        var item = Assert.Single(KaggleParser.Parse(new MemoryStream(bytes), "snapshot.json", new ImportOptions()));

        Assert.Equal("invalid UTF-8 at byte 59 of the line (0xE9)", item.Error);
    }

    [Fact]
    public void AnEscapedLoneSurrogateDoesNotCostTheRecord()
    {
        // What JavaScript and Python write for a text cut in the middle of an emoji.
        var items = IngestFixtures.ParseText(JsonlParser.Parse, string.Join('\n',
            """{"id": "2405.15738", "title": "Rocket \ud83d", "abstract": "A whole \ud83d\ude80 and half \ude80 of one."}""",
            """{"id": "2405.15739", "title": "Next"}"""));

        Assert.All(items, item => Assert.Null(item.Error));
        var record = items[0].Record!;
        // The half characters are gone at the text door; the whole one, an escaped pair, is kept.
        Assert.Equal("Rocket", record.Title);
        Assert.Equal("A whole \U0001F680 and half of one.", record.Abstract);
    }

    [Fact]
    public void AnIdWithALoneSurrogateIsStillNoId()
    {
        var item = Assert.Single(IngestFixtures.ParseText(JsonlParser.Parse, """{"id": "2405.\ud80015738", "title": "T"}"""));

        Assert.Null(item.Record);
        Assert.StartsWith("invalid arXiv id", item.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""["plain", "caf\u00e9 \ud83d\ude80"]""")]
    [InlineData("""["\"quoted\" \\ \/ \b\f\n\r\t", "\u0041\u00e9\u4e2d"]""")]
    public void StringsWithoutLoneSurrogatesReadAsTheBuiltInReaderReadsThem(string json)
    {
        var builtIn = JsonSerializer.Deserialize<List<string>>(json);
        Assert.Equal(builtIn, JsonSerializer.Deserialize<List<string>>(json, Lenient));
    }

    [Fact]
    public void EscapesAroundALoneSurrogateAreUnescapedLikeAnyOther()
    {
        // Every escape JSON has, a lone and a paired surrogate, and a raw (unescaped) UTF-8 "é" at the end.
        var text = JsonSerializer.Deserialize<string>("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9 \\ud83d end \\ud83d\\ude80 caf\u00e9\"", Lenient);

        Assert.Equal("a\"b\\c/d\b\f\n\r\t\u00e9 \ud83d end \U0001F680 caf\u00e9", text);
    }
}
