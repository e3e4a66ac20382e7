using System.Xml;
using System.Xml.Linq;
using DailyPapers.Feed;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Feed;

public sealed class AtomWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("bell\u0007 and nul\0", "bell and nul")]
    [InlineData("tab\tnewline\n kept", "tab\tnewline\n kept")]
    [InlineData("emoji \U0001F600 kept", "emoji \U0001F600 kept")]
    [InlineData("\uFFFE\uFFFF", "")]
    public void OnlyCharactersXmlCannotCarryAreDropped(string text, string expected) =>
        Assert.Equal(expected, AtomWriter.XmlSafe(text));

    [Fact]
    public void LoneSurrogatesAreDroppedButPairsKept()
    {
        // Built at run time: test data serialization would turn a lone surrogate into U+FFFD.
        var text = "lone " + (char)0xD800 + " high, lone " + (char)0xDC00 + " low, pair \U0001F600";

        Assert.Equal("lone  high, lone  low, pair \U0001F600", AtomWriter.XmlSafe(text));
    }

    [Fact]
    public void TheWrittenFeedIsWellFormedUtf8AtomWithoutAByteOrderMark()
    {
        var entry = new AtomEntry("https://example.org/papers/1", "A & B <c>\u0001", new DateTime(2024, 7, 29, 3, 44, 0, DateTimeKind.Utc),
            null, "https://example.org/papers/1", "https://arxiv.org/abs/1", ["Ada"], "x < y", ["cs.CL"]);
        var feed = new AtomFeed("https://example.org/papers.atom", "Feed", entry.Updated, "https://example.org/papers.atom",
            "https://example.org/", [entry]);

        var bytes = AtomWriter.Write(feed);

        Assert.Equal((byte)'<', bytes[0]);
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        var document = XDocument.Load(reader);
        AtomDocument.AssertValid(document);
        Assert.Equal("A & B <c>", document.Entries()[0].Text("title"));
        Assert.Equal("2024-07-29T03:44:00Z", document.Root!.Text("updated"));
        Assert.Null(document.Entries()[0].Element(AtomDocument.Atom + "published"));
    }

    [Fact]
    public void ACategoryWithNothingXmlCanCarryIsLeftOutRatherThanWrittenWithoutATerm()
    {
        var entry = new AtomEntry("https://example.org/papers/1", "Title", new DateTime(2024, 7, 29, 0, 0, 0, DateTimeKind.Utc),
            null, "https://example.org/papers/1", "https://arxiv.org/abs/1", ["Ada"], null, ["cs.CL", "\uFFFE\uFFFF\u0001", "cs.LG"]);
        var feed = new AtomFeed("https://example.org/papers.atom", "Feed", entry.Updated, "https://example.org/papers.atom",
            "https://example.org/", [entry]);

        var document = XDocument.Load(XmlReader.Create(new MemoryStream(AtomWriter.Write(feed))));

        AtomDocument.AssertValid(document);
        Assert.Equal(["cs.CL", "cs.LG"], document.Entries()[0].Elements(AtomDocument.Atom + "category").Select(c => (string?)c.Attribute("term")));
    }
}
