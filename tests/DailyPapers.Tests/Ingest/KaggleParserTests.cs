using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class KaggleParserTests
{
    private static readonly List<ParsedItem> Snapshot =
        IngestFixtures.Parse(IngestFixtures.PathOf("kaggle-snapshot", "wanng-ide__arxiv-metadata-oai-snapshot.json"));

    [Fact]
    public void EveryLineOfTheSnapshotParses()
    {
        Assert.Equal(200, Snapshot.Count);
        Assert.All(Snapshot, item => Assert.Null(item.Error));
        Assert.Equal("0704.0200", Snapshot[^1].Record!.ArxivId);
        Assert.All(Snapshot, item =>
        {
            var record = item.Record!;
            Assert.DoesNotContain('\n', record.Title);
            Assert.DoesNotContain("  ", record.Title, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', record.Abstract!);
            Assert.DoesNotContain("  ", record.Abstract!, StringComparison.Ordinal);
            Assert.NotNull(record.Version);
            Assert.True(record.UpdatedAt >= record.PublishedAt);
        });
    }

    [Fact]
    public void TheFirstRecordKeepsItsVersionsAndPublicationDetails()
    {
        var record = Snapshot[0].Record!;

        Assert.Equal("0704.0001", record.ArxivId);
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", record.Title);
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"], record.Authors);
        Assert.Equal(2, record.Version);
        Assert.Equal(new DateTime(2007, 4, 2, 19, 18, 42, DateTimeKind.Utc), record.PublishedAt);
        Assert.Equal(new DateTime(2007, 7, 24, 20, 10, 27, DateTimeKind.Utc), record.UpdatedAt);
        Assert.Equal("37 pages, 15 figures; published version", record.Comments);
        Assert.Equal("Phys.Rev.D76:013009,2007", record.JournalRef);
        Assert.Equal("10.1103/PhysRevD.76.013009", record.Doi);
        Assert.Equal(["hep-ph"], record.Categories);
        Assert.StartsWith("A fully differential calculation in perturbative quantum chromodynamics is presented", record.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void SpaceSeparatedCategoriesKeepThePrimaryFirst()
    {
        Assert.Equal(["math.CO", "cs.CG"], Snapshot[1].Record!.Categories);
    }

    [Fact]
    public void AuthorSuffixesFollowTheName()
    {
        Assert.Contains(Snapshot, item => item.Record!.Authors!.Contains("Neal J. Evans II"));
    }

    [Fact]
    public void ARecordWithUnreadableVersionsIsReported()
    {
        var items = IngestFixtures.ParseText(KaggleParser.Parse, """
            {"id":"0704.0001","title":"T","versions":[{"version":"first","created":"Mon, 2 Apr 2007 19:18:42 GMT"}]}
            {"id":"0704.0002","title":"T","versions":[{"version":"v1","created":"2007-04-02"}]}
            {"id":"0704.0003","title":"T","authors":"A. One and B. Two","versions":[]}
            """, "snapshot.json");

        Assert.StartsWith("invalid versions", items[0].Error, StringComparison.Ordinal);
        Assert.StartsWith("invalid versions", items[1].Error, StringComparison.Ordinal);
        Assert.Equal(["A. One", "B. Two"], items[2].Record!.Authors);
        Assert.Null(items[2].Record!.Version);
    }
}
