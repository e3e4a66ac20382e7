using System.Text;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Ingest;

public sealed class ArxivAtomFeedTests
{
    private static List<ParsedItem> Parse(string fixture) =>
        ArxivAtomFeed.Parse(Fixtures.Body("arxiv-atom/" + fixture), fixture).ToList();

    private static PaperRecord Single(string fixture)
    {
        var item = Assert.Single(Parse(fixture));
        Assert.Null(item.Error);
        return item.Record!;
    }

    [Theory]
    [InlineData("arxivpy__id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json", 1, 1, 0)]
    [InlineData("arxivpy__id_1707.08567_s0_m100_6a1afebfc6a3.json", 1, 1, 0)]
    [InlineData("arxivpy__id_2104.12255v1_s0_m100_6ae69987ffe1.json", 1, 1, 0)]
    [InlineData("arxivpy__id_astro-ph_0601001_s0_m100_3150dca9dc76.json", 1, 1, 0)]
    [InlineData("arxivpy__id_quant-ph_0201082v1_s0_m100_86989fe779ef.json", 1, 1, 0)]
    [InlineData("arxivpy__q_testing_s0_m10_bc5a6c384fe9.json", 10, 214881, 0)]
    [InlineData("arxivpy__q_testing_s10_m10_34e56e15aaac.json", 10, 214881, 10)]
    [InlineData("arxivpy__id_0000.0000_s0_m100_8b51d9633a68.json", 0, 0, 0)]
    [InlineData("arxivpy-2016__id_list_1111.2011v2.xml", 1, 1, 0)]
    [InlineData("arxivpy-2016__search_query_au_del_maestro.xml", 10, 31, 0)]
    [InlineData("arxivpy-2016__search_query_au_del_maestro_AND_ti_checkerboard.xml", 1, 1, 0)]
    public void EveryRecordedFeedReadsCompletelyWithItsPagingNumbers(string fixture, int entries, int total, int start)
    {
        var feed = ArxivAtomFeed.Open(Fixtures.Body("arxiv-atom/" + fixture), fixture);
        Assert.Equal(total, feed.TotalResults);
        Assert.Equal(start, feed.StartIndex);

        var items = feed.Items().ToList();

        Assert.Equal(entries, items.Count);
        Assert.All(items, item =>
        {
            Assert.Null(item.Error);
            var record = item.Record!;
            Assert.NotNull(record.Version);
            Assert.False(string.IsNullOrWhiteSpace(record.Title));
            Assert.DoesNotContain('\n', record.Title);
            Assert.NotEmpty(record.Authors!);
            Assert.NotNull(record.Abstract);
            Assert.NotNull(record.PublishedAt);
            Assert.True(record.UpdatedAt >= record.PublishedAt);
            Assert.NotEmpty(record.Categories!);
        });
        var body = new StreamReader(Fixtures.Body("arxiv-atom/" + fixture)).ReadToEnd();
        Assert.Equal(IngestFixtures.LinesStartingWith(body, "<entry>").Select(line => $"{fixture}:{line}"), items.Select(i => i.Location));
    }

    [Fact]
    public void ReadsEveryFieldOfAnOldStyleEntryInTheCurrentShape()
    {
        var paper = Single("arxivpy__id_astro-ph_0601001_s0_m100_3150dca9dc76.json");

        Assert.Equal("astro-ph/0601001", paper.ArxivId);
        Assert.Equal(1, paper.Version);
        Assert.Equal("Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina", paper.Title);
        Assert.Equal(["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"], paper.Authors!);
        Assert.Equal(new DateTime(2006, 1, 2, 14, 57, 58, DateTimeKind.Utc), paper.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, paper.PublishedAt!.Value.Kind);
        Assert.Equal(paper.PublishedAt, paper.UpdatedAt);
        Assert.Equal(["astro-ph"], paper.Categories!);
        Assert.StartsWith("62 pages including 16 figures and 9 tables.", paper.Comments, StringComparison.Ordinal);
        Assert.Equal("ActaAstron.56:1-50,2006", paper.JournalRef);
        Assert.Null(paper.Doi);
        Assert.StartsWith("We derive the frequencies of hot Jupiters (HJs)", paper.Abstract, StringComparison.Ordinal);
        Assert.Contains("Gould & Morgan (2003)", paper.Abstract, StringComparison.Ordinal);
        Assert.Contains("V_max<17.5", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsEveryFieldOfAnEntryInThe2016Shape()
    {
        var paper = Single("arxivpy-2016__id_list_1111.2011v2.xml");

        Assert.Equal("1111.2011", paper.ArxivId);
        Assert.Equal(2, paper.Version);
        Assert.Equal("Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit", paper.Title);
        Assert.Equal(["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"], paper.Authors!);
        Assert.Equal(new DateTime(2011, 11, 8, 18, 48, 36, DateTimeKind.Utc), paper.PublishedAt);
        Assert.Equal(new DateTime(2012, 4, 2, 12, 38, 54, DateTimeKind.Utc), paper.UpdatedAt);
        Assert.Equal(["cond-mat.str-el", "cond-mat.stat-mech"], paper.Categories!);
        Assert.Equal("8 pages, 3 figures. Published version", paper.Comments);
        Assert.Equal("Phys. Rev. B 85, 115117 (2012)", paper.JournalRef);
        Assert.Equal("10.1103/PhysRevB.85.115117", paper.Doi);
        // Wrapped lines are joined.
        Assert.StartsWith("Theoretical description of anisotropic systems, such as layered superconductors and coupled spin chains,", paper.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", paper.Abstract, StringComparison.Ordinal);
        Assert.EndsWith("to the theory describing a single node.", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void OldStyleIdWithVersionAndCrossListsKeepsThePrimaryCategoryFirst()
    {
        var paper = Single("arxivpy__id_quant-ph_0201082v1_s0_m100_86989fe779ef.json");

        Assert.Equal("quant-ph/0201082", paper.ArxivId);
        Assert.Equal(1, paper.Version);
        Assert.Equal(["Stephen Blaha"], paper.Authors!);
        Assert.Equal(["quant-ph", "cs.PL"], paper.Categories!);
        Assert.Equal("32 pages", paper.Comments);
    }

    [Fact]
    public void AnEntryWithoutOptionalFieldsLeavesThemUnsaid()
    {
        var paper = Single("arxivpy__id_2104.12255v1_s0_m100_6ae69987ffe1.json");

        Assert.Equal("2104.12255", paper.ArxivId);
        Assert.Equal(1, paper.Version);
        // This paper's real title is the single character "0".
        Assert.Equal("0", paper.Title);
        Assert.Equal(["cs.CR"], paper.Categories!);
        Assert.Null(paper.Comments);
        Assert.Null(paper.JournalRef);
        Assert.Null(paper.Doi);
    }

    [Fact]
    public void AnIdThatDoesNotExistIsLeftOutByTheApiAndTheRestIsRead()
    {
        var paper = Single("arxivpy__id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json");

        Assert.Equal("1707.08567", paper.ArxivId);
        Assert.Equal(34, paper.Authors!.Count);
        Assert.Equal("Kees A. Schouhamer Immink", paper.Authors[0]);
        Assert.Equal("Hirosuke Yamamoto", paper.Authors[^1]);
        Assert.Contains(paper.Authors, name => name.Contains('ü', StringComparison.Ordinal));
    }

    [Fact]
    public void SearchResultsKeepDoisJournalRefsAndNonAsciiNames()
    {
        var papers = Parse("arxivpy__q_testing_s0_m10_bc5a6c384fe9.json").Select(i => i.Record!).ToList();

        var first = papers[0];
        Assert.Equal("2202.12139", first.ArxivId);
        Assert.Equal("Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques", first.Title);
        Assert.Equal("10.1109/ICSTW55395.2022.00035", first.Doi);
        Assert.Equal(["cs.SE", "cs.LG"], first.Categories!);
        var revised = papers.Single(p => p.ArxivId == "2204.08348");
        Assert.Equal(3, revised.Version);
        Assert.Equal(new DateTime(2022, 7, 6, 5, 12, 56, DateTimeKind.Utc), revised.UpdatedAt);
        Assert.Contains("Aurora Ramírez", papers.Single(p => p.ArxivId == "2405.13786").Authors!);
        Assert.Equal(6, papers.Count(p => p.Doi is not null));
    }

    [Fact]
    public void TheApiErrorFeedIsAnErrorItemNotAPaper()
    {
        var item = Assert.Single(Parse("arxivpy__id_abc_s0_m100_b79c8dcf6bc3.json"));

        Assert.Null(item.Record);
        Assert.Equal("arXiv API error: incorrect id format for abc", item.Error);
        Assert.Equal("arxivpy__id_abc_s0_m100_b79c8dcf6bc3.json:9", item.Location);
    }

    [Theory]
    [InlineData("arxivpy__q_testing_s0_m10_bc5a6c384fe9.json", 10, 10)]
    [InlineData("arxivpy-2016__search_query_au_del_maestro.xml", 10, 10)]
    [InlineData("arxivpy__id_1707.08567_s0_m100_6a1afebfc6a3.json", 1, null)]
    [InlineData("arxivpy__id_0000.0000_s0_m100_8b51d9633a68.json", 0, null)]
    public void PagingSaysWhereTheNextPageStarts(string fixture, int entries, int? next)
    {
        var feed = ArxivAtomFeed.Open(Fixtures.Body("arxiv-atom/" + fixture), fixture);

        Assert.Equal(next, feed.NextStart(entries));
    }

    [Fact]
    public void AFeedCutOffMidEntryKeepsTheEntriesBeforeAndBreaksOffWhereItEnds()
    {
        var whole = Encoding.UTF8.GetString(Fixtures.Bytes("arxiv-atom/arxivpy-2016__search_query_au_del_maestro.xml"));
        var cut = whole[..whole.IndexOf("<id>http://arxiv.org/abs/1005.5383v1", StringComparison.Ordinal)] + "<title>Inter";
        var lastLine = cut.Count(c => c == '\n') + 1;

        var (items, broken) = IngestFixtures.ReadToBreak(ArxivAtomFeed.Parse(new MemoryStream(Encoding.UTF8.GetBytes(cut)), "cut.xml"));

        Assert.Equal(["cut.xml:10", "cut.xml:49", "cut.xml:81"], items.Select(i => i.Location));
        Assert.All(items, item => Assert.NotNull(item.Record));
        Assert.NotNull(broken);
        Assert.Equal($"cut.xml:{lastLine}", broken.Location);
        Assert.StartsWith($"malformed XML at line {lastLine}, position ", broken.Reason, StringComparison.Ordinal);
        Assert.Contains("Unexpected end of file", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStreamingReaderEndsWithTheBreakAsItsLastItem()
    {
        var whole = Encoding.UTF8.GetString(Fixtures.Bytes("arxiv-atom/arxivpy-2016__search_query_au_del_maestro.xml"));
        var cut = whole[..whole.IndexOf("<id>http://arxiv.org/abs/1005.5383v1", StringComparison.Ordinal)];
        var feed = ArxivAtomFeed.Open(new MemoryStream(Encoding.UTF8.GetBytes(cut)), "cut.xml");

        var items = feed.Items().ToList();

        Assert.Equal(4, items.Count);
        Assert.True(feed.BrokeOff);
        Assert.StartsWith("malformed XML at line ", items[3].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EntriesOnOneLineAreToldApartByColumn()
    {
        const string Feed = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2405.15738v1</id><title>One</title></entry><entry><id>http://arxiv.org/abs/2405.15739v1</id></entry></feed>""";

        var items = ArxivAtomFeed.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Feed)), "one-line.xml").ToList();

        var second = Feed.IndexOf("<entry><id>http://arxiv.org/abs/2405.15739", StringComparison.Ordinal) + 1;
        Assert.Equal(["one-line.xml:1", $"one-line.xml:1:{second}"], items.Select(i => i.Location));
        Assert.Equal("2405.15739: entry has no title", items[1].Error);
    }

    [Fact]
    public void ADocumentTypeDefinitionIsRefusedSoEntitiesAreNeverExpanded()
    {
        const string Hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2405.15738v1</id><title>&secret;</title></entry></feed>
            """;

        var item = Assert.Single(ArxivAtomFeed.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Hostile)), "hostile.xml"));

        Assert.Null(item.Record);
        Assert.Contains("DTD", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentThatIsNotAFeedSaysSo()
    {
        var item = Assert.Single(ArxivAtomFeed.Parse(new MemoryStream("<html><body>Retry after 10 seconds</body></html>"u8.ToArray()), "page.html"));

        Assert.Equal("not an Atom feed: the document starts with <html>", item.Error);
    }

    [Fact]
    public void ClassificationCodesThatShareTheCategoryElementAreNotCategories()
    {
        const string Feed = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>
              <id>http://arxiv.org/abs/2405.15738v2</id><title>T</title><author><name>A</name></author>
              <arxiv:primary_category term="cs.LG"/>
              <category term="cs.LG"/><category term="stat.ML"/><category term="I.2.6"/><category term="68T05"/>
            </entry></feed>
            """;

        var item = Assert.Single(ArxivAtomFeed.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Feed)), "f.xml"));

        Assert.Equal(["cs.LG", "stat.ML"], item.Record!.Categories!);
    }
}
