using System.Text;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Ingest;

public sealed class OaiPmhResponseTests
{
    private static OaiPmhResponse Open(string fixture) => OaiPmhResponse.Open(Fixtures.Open("arxiv-oai/" + fixture), fixture);

    private static List<PaperRecord> Papers(string fixture) =>
        Open(fixture).Records().Select(r => r.Item!.Value.Record!).ToList();

    [Fact]
    public void ReadsArxivRawRecordsWithVersionsDatesAndTheResumptionToken()
    {
        var response = Open("saelim__ListRecordsResponse.xml");

        var records = response.Records().ToList();

        Assert.Equal(new DateTime(2015, 1, 6, 20, 49, 59, DateTimeKind.Utc), response.ResponseDate);
        Assert.Equal(6, records.Count);
        Assert.All(records, r => Assert.Null(r.Item!.Value.Error));
        Assert.Equal(new ResumptionToken("726959|1001", 58011, 0, null), response.ResumptionToken);
        Assert.Equal("726959|1001", response.NextToken);

        var first = records[0];
        Assert.Equal("oai:arXiv.org:0704.0471", first.Header!.Identifier);
        Assert.Equal(new DateOnly(2014, 11, 18), first.Header.Datestamp);
        Assert.False(first.Header.IsDeleted);
        Assert.Equal(["physics:nucl-ex", "physics:nucl-th"], first.Header.SetSpecs);
        var paper = first.Item!.Value.Record!;
        Assert.Equal("0704.0471", paper.ArxivId);
        Assert.Equal(1, paper.Version);
        Assert.Equal("Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and Statistical model perspective", paper.Title);
        Assert.Equal(["D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"], paper.Authors!);
        Assert.Equal(new DateTime(2007, 4, 3, 22, 4, 11, DateTimeKind.Utc), paper.PublishedAt);
        Assert.Equal(paper.PublishedAt, paper.UpdatedAt);
        Assert.Equal(["nucl-ex", "nucl-th"], paper.Categories!);
        Assert.Equal("16 pages, 14 figures", paper.Comments);
        Assert.Equal("Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007", paper.JournalRef);
        Assert.Equal("10.1103/PhysRevC.76.024606", paper.Doi);
        Assert.Contains("extremely \" stiff \" and \" soft \" form", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLatestVersionGivesTheVersionNumberAndTheFirstGivesThePublicationTime()
    {
        var papers = Papers("saelim__ListRecordsResponse.xml");

        var revised = papers.Single(p => p.ArxivId == "0704.0716");
        Assert.Equal(4, revised.Version);
        Assert.Equal(new DateTime(2007, 4, 5, 12, 45, 3, DateTimeKind.Utc), revised.PublishedAt);
        Assert.Equal(new DateTime(2008, 11, 14, 9, 7, 25, DateTimeKind.Utc), revised.UpdatedAt);
        Assert.Equal(["Christoph Richard"], revised.Authors!);
        Assert.Equal(["Valeria M. Rosa", "Patricio S. letelier"], papers.Single(p => p.ArxivId == "0704.1109").Authors!);
        Assert.Equal(["N.C. Summers", "F.M. Nunes"], papers.Single(p => p.ArxivId == "0704.1586").Authors!);
        Assert.Equal([1, 4, 3, 2, 1, 1], papers.Select(p => p.Version ?? 0));
    }

    [Fact]
    public void ReadsASingleArxivRawRecordFromGetRecord()
    {
        var response = Open("saelim__GetRecordResponse.xml");

        var record = Assert.Single(response.Records());

        Assert.Null(response.ResumptionToken);
        Assert.Null(response.NextToken);
        Assert.Equal(new DateOnly(2013, 4, 3), record.Header!.Datestamp);
        var paper = record.Item!.Value.Record!;
        Assert.Equal("1302.2146", paper.ArxivId);
        Assert.Equal(2, paper.Version);
        Assert.Equal("The Same-Sign Dilepton Signature of RPV/MFV SUSY", paper.Title);
        Assert.Equal(["Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo"], paper.Authors!);
        Assert.Equal(["hep-ph", "hep-ex"], paper.Categories!);
        Assert.Equal(new DateTime(2013, 2, 8, 21, 0, 1, DateTimeKind.Utc), paper.PublishedAt);
        Assert.Equal(new DateTime(2013, 4, 2, 1, 50, 8, DateTimeKind.Utc), paper.UpdatedAt);
        Assert.Equal("18 pages, 6 figures; v2: References added", paper.Comments);
        Assert.Null(paper.JournalRef);
        Assert.Null(paper.Doi);
    }

    [Fact]
    public void ReadsTheArxivFormatWithStructuredAuthorsAndDays()
    {
        var papers = Papers("throttled-ListRecords-arXiv.xml");

        Assert.Equal(["0704.0009", "0704.0001", "hep-th/9711200"], papers.Select(p => p.ArxivId));
        Assert.All(papers, p => Assert.Null(p.Version));
        var spitzer = papers[0];
        Assert.Equal(["Paul Harvey", "Bruno Merin", "Tracy L. Huard", "Luisa M. Rebull", "Nicholas Chapman", "Neal J. Evans II", "Philip C. Myers"], spitzer.Authors!);
        Assert.Equal(new DateTime(2007, 4, 2, 0, 0, 0, DateTimeKind.Utc), spitzer.PublishedAt);
        Assert.Equal(spitzer.PublishedAt, spitzer.UpdatedAt);
        Assert.Equal("10.1086/518646", spitzer.Doi);
        var diphoton = papers[1];
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"], diphoton.Authors!);
        Assert.Equal(new DateTime(2007, 7, 24, 0, 0, 0, DateTimeKind.Utc), diphoton.UpdatedAt);
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", diphoton.Title);
        Assert.Equal("37 pages, 15 figures; published version", diphoton.Comments);
        Assert.Equal("Phys.Rev.D76:013009,2007", diphoton.JournalRef);
        var oldStyle = papers[2];
        Assert.Equal(["Juan M. Maldacena"], oldStyle.Authors!);
        Assert.Equal(["hep-th"], oldStyle.Categories!);
        Assert.Equal(new DateTime(1997, 11, 27, 0, 0, 0, DateTimeKind.Utc), oldStyle.PublishedAt);
        // Wrapped lines and paragraphs become one line, as from every other source.
        Assert.StartsWith("We show that the large N limit of certain conformal field theories in various dimensions", oldStyle.Abstract, StringComparison.Ordinal);
        Assert.Contains("decouples from the bulk. We conjecture that compactifications", oldStyle.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeletedRecordHasAHeaderAndNoPaperAndAMalformedRecordIsAnErrorInPlace()
    {
        var response = Open("chain-page2-ListRecords-arXivRaw.xml");

        var records = response.Records().ToList();

        Assert.Equal(4, records.Count);
        var deleted = records[1];
        Assert.True(deleted.Header!.IsDeleted);
        Assert.Equal("oai:arXiv.org:0704.0013", deleted.Header.Identifier);
        Assert.Equal(new DateOnly(2024, 3, 6), deleted.Header.Datestamp);
        Assert.Null(deleted.Item);
        var malformed = records[2].Item!.Value;
        Assert.Null(malformed.Record);
        Assert.Equal("chain-page2-ListRecords-arXivRaw.xml:29", malformed.Location);
        Assert.Equal("0704.0005: record has no title", malformed.Error);
        Assert.Equal("0704.0006", records[3].Item!.Value.Record!.ArxivId);
        Assert.Equal(new ResumptionToken("6843216|2001", 10, 3, null), response.ResumptionToken);
    }

    [Fact]
    public void AnEmptyResumptionTokenEndsTheList()
    {
        var response = Open("chain-page3-ListRecords-arXivRaw.xml");

        Assert.Equal(3, response.Records().Count());

        Assert.Equal(new ResumptionToken("", 10, 7, null), response.ResumptionToken);
        Assert.Null(response.NextToken);
    }

    [Theory]
    [InlineData("saelim__ErrorResponseBadArgument.xml", "badArgument", "Verb 'ListRecords', illegal argument 'identifier'.")]
    [InlineData("saelim__ErrorResponseBadResumptionToken.xml", "badResumptionToken", "The resumptionToken supplied is illegal for this repository")]
    [InlineData("saelim__ErrorResponseBadVerb.xml", "badVerb", "Bad verb. Verb 'wah' not implemented.")]
    [InlineData("saelim__ErrorResponseIdDoesNotExist.xml", "idDoesNotExist", "Identifier 'oai:arXiv.org:0813.2274' has correct form but does not correspond to an item in this repository")]
    public void ProtocolErrorsAreFailuresThatNameTheirCode(string fixture, string code, string message)
    {
        var response = Open(fixture);

        Assert.Equal(new OaiPmhError(code, message), response.Failure);
        Assert.False(response.IsEmptyResult);
        Assert.Empty(response.Records());
        var item = Assert.Single(OaiPmhResponse.Parse(Fixtures.Open("arxiv-oai/" + fixture), fixture));
        Assert.Equal($"OAI-PMH error {code}: {message}", item.Error);
    }

    [Fact]
    public void NoRecordsMatchIsAnEmptyResultNotAFailure()
    {
        var response = Open("saelim__ErrorResponseNoRecordsMatch.xml");

        Assert.True(response.IsEmptyResult);
        Assert.Null(response.Failure);
        Assert.Empty(response.Records());
        Assert.Empty(OaiPmhResponse.Parse(Fixtures.Open("arxiv-oai/saelim__ErrorResponseNoRecordsMatch.xml"), "x"));
    }

    [Fact]
    public void XmlThatBreaksOffMidPageEndsWithAnErrorAndNoToken()
    {
        var whole = Encoding.UTF8.GetString(Fixtures.Bytes("arxiv-oai/saelim__ListRecordsResponse.xml"));
        var cut = whole[..whole.IndexOf("<id>0704.1109</id>", StringComparison.Ordinal)];
        var response = OaiPmhResponse.Open(new MemoryStream(Encoding.UTF8.GetBytes(cut)), "cut.xml");

        var records = response.Records().ToList();

        Assert.Equal(4, records.Count);
        Assert.All(records.Take(3), r => Assert.NotNull(r.Item!.Value.Record));
        Assert.Null(records[3].Header);
        var lastLine = cut.Count(c => c == '\n') + 1;
        Assert.Equal(["cut.xml:6", "cut.xml:32", "cut.xml:53", $"cut.xml:{lastLine}"], records.Select(r => r.Item!.Value.Location));
        Assert.StartsWith($"malformed XML at line {lastLine}, position ", records[3].Item!.Value.Error, StringComparison.Ordinal);
        Assert.Equal(records[3].Item!.Value.Error, response.Malformed);
        Assert.Null(response.ResumptionToken);
    }

    [Fact]
    public void ASavedResponseCutOffMidPageImportsTheRecordsBeforeAndBreaksOffWhereItEnds()
    {
        var whole = Encoding.UTF8.GetString(Fixtures.Bytes("arxiv-oai/saelim__ListRecordsResponse.xml"));
        var cut = whole[..whole.IndexOf("<id>0704.1109</id>", StringComparison.Ordinal)];

        var (items, broken) = IngestFixtures.ReadToBreak(OaiPmhResponse.Parse(new MemoryStream(Encoding.UTF8.GetBytes(cut)), "cut.xml"));

        Assert.Equal(3, items.Count(i => i.Record is not null));
        Assert.NotNull(broken);
        Assert.Equal($"cut.xml:{cut.Count(c => c == '\n') + 1}", broken.Location);
        Assert.Contains("Unexpected end of file", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AThrottlingPageInsteadOfXmlIsReportedAsNotOaiPmh()
    {
        var response = OaiPmhResponse.Open(Fixtures.Open("arxiv-oai/throttled-503.html"), "503.html");

        Assert.Equal("not an OAI-PMH response: the document starts with <html>", response.Malformed);
        Assert.Empty(response.Records());
    }

    [Fact]
    public void ADocumentTypeDefinitionIsRefused()
    {
        const string Hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords/></OAI-PMH>
            """;

        var response = OaiPmhResponse.Open(new MemoryStream(Encoding.UTF8.GetBytes(Hostile)), "hostile.xml");

        Assert.Contains("DTD", response.Malformed, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownMetadataFormatIsAnErrorItem()
    {
        const string DublinCore = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>
              <header><identifier>oai:arXiv.org:2405.15738</identifier><datestamp>2024-05-27</datestamp></header>
              <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/></metadata>
            </record></ListRecords></OAI-PMH>
            """;

        var item = Assert.Single(OaiPmhResponse.Parse(new MemoryStream(Encoding.UTF8.GetBytes(DublinCore)), "dc.xml"));

        Assert.Equal("oai:arXiv.org:2405.15738: unsupported metadata format <dc xmlns=\"http://www.openarchives.org/OAI/2.0/oai_dc/\">", item.Error);
    }
}
