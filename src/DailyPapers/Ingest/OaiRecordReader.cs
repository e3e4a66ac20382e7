using System.Xml.Linq;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>An OAI-PMH record header: the item's identifier, its datestamp, whether it was deleted.</summary>
public sealed record OaiRecordHeader(string Identifier, DateOnly? Datestamp, bool IsDeleted, IReadOnlyList<string> SetSpecs);

/// <summary>
/// One record of a response. <see cref="Item"/> is null for a deleted record (no metadata); it is an
/// error item when the metadata could not be read. <see cref="Header"/> is null only when the XML
/// broke off inside the record.
/// </summary>
public readonly record struct OaiRecord(OaiRecordHeader? Header, ParsedItem? Item);

/// <summary>Reads arXiv's two full metadata formats: <c>arXiv</c> (structured authors) and <c>arXivRaw</c> (versions).</summary>
internal static class OaiRecordReader
{
    private static readonly XNamespace Oai = OaiPmhResponse.Oai;
    private static readonly XNamespace ArxivFormat = "http://arxiv.org/OAI/arXiv/";
    private static readonly XNamespace RawFormat = "http://arxiv.org/OAI/arXivRaw/";

    public static OaiRecord Read(XElement record, string location)
    {
        var headerElement = record.Element(Oai + "header");
        if (headerElement is null)
        {
            return new OaiRecord(null, ParsedItem.Bad(location, "record has no header"));
        }
        var header = new OaiRecordHeader(
            headerElement.Text(Oai + "identifier") ?? "",
            ParseDatestamp(headerElement.Text(Oai + "datestamp")),
            string.Equals((string?)headerElement.Attribute("status"), "deleted", StringComparison.Ordinal),
            headerElement.Elements(Oai + "setSpec").Select(s => s.Value.Trim()).ToList());
        if (header.IsDeleted)
        {
            return new OaiRecord(header, null);
        }
        var metadata = record.Element(Oai + "metadata")?.Elements().FirstOrDefault();
        if (metadata is null)
        {
            return new OaiRecord(header, ParsedItem.Bad(location, $"{header.Identifier}: record has no metadata"));
        }
        var item = metadata.Name == ArxivFormat + "arXiv" ? ReadArxiv(metadata, header, location)
            : metadata.Name == RawFormat + "arXivRaw" ? ReadRaw(metadata, header, location)
            : ParsedItem.Bad(location, $"{header.Identifier}: unsupported metadata format <{metadata.Name.LocalName} xmlns=\"{metadata.Name.NamespaceName}\">");
        return new OaiRecord(header, item);
    }

    // arXiv's granularity is a day; repositories with seconds granularity send a full timestamp.
    private static DateOnly? ParseDatestamp(string? text) =>
        ArxivText.IsoDate(text) is DateTime time ? DateOnly.FromDateTime(time) : null;

    private static ParsedItem ReadArxiv(XElement metadata, OaiRecordHeader header, string location)
    {
        var ns = ArxivFormat;
        var authors = metadata.Element(ns + "authors")?.Elements(ns + "author")
            .Select(a => ArxivAuthors.Join(a.Text(ns + "forenames"), a.Text(ns + "keyname"), a.Text(ns + "suffix")))
            .OfType<string>()
            .ToList();
        return Build(metadata, ns, header, location, record => record with
        {
            Authors = authors is { Count: > 0 } ? authors : null,
            PublishedAt = ArxivText.IsoDate(metadata.Text(ns + "created")),
            // Only revised papers have <updated>; for the rest the latest version is the first.
            UpdatedAt = ArxivText.IsoDate(metadata.Text(ns + "updated")) ?? ArxivText.IsoDate(metadata.Text(ns + "created")),
        });
    }

    private static ParsedItem ReadRaw(XElement metadata, OaiRecordHeader header, string location)
    {
        var ns = RawFormat;
        var versions = metadata.Elements(ns + "version")
            .Select(v => (Number: VersionNumber((string?)v.Attribute("version")), Date: ArxivText.RfcDate(v.Text(ns + "date"))))
            .Where(v => v.Number is not null)
            .OrderBy(v => v.Number)
            .ToList();
        return Build(metadata, ns, header, location, record => record with
        {
            Version = versions.Count > 0 ? versions[^1].Number : null,
            Authors = ArxivAuthors.Split(metadata.Text(ns + "authors")),
            PublishedAt = versions.Count > 0 ? versions[0].Date : null,
            UpdatedAt = versions.Count > 0 ? versions[^1].Date : null,
        });
    }

    private static int? VersionNumber(string? text) => Papers.ArxivId.TryParseVersion(text, out var n) ? n : null;

    // The fields both formats share, then the format's own (authors, dates, versions).
    private static ParsedItem Build(XElement metadata, XNamespace ns, OaiRecordHeader header, string location, Func<PaperRecord, PaperRecord> complete)
    {
        var idText = metadata.Text(ns + "id") ?? header.Identifier;
        if (!RecordChecks.TryId(idText, out var id, out _, out var idError))
        {
            return ParsedItem.Bad(location, "record id: " + idError);
        }
        var title = SafeText.Clean(metadata.Text(ns + "title"));
        if (title is null)
        {
            return ParsedItem.Bad(location, $"{id}: record has no title");
        }
        var record = new PaperRecord
        {
            ArxivId = id,
            Title = title,
            Abstract = SafeText.Clean(metadata.Text(ns + "abstract")),
            Categories = ArxivText.Categories([metadata.Text(ns + "categories")]),
            Comments = SafeText.Clean(metadata.Text(ns + "comments")),
            JournalRef = SafeText.Clean(metadata.Text(ns + "journal-ref")),
            // arXiv lists an erratum's DOI after the paper's own, space-separated; the catalog keeps one.
            Doi = SafeText.Clean(metadata.Text(ns + "doi"))?.Split(' ')[0],
        };
        return ParsedItem.Ok(complete(record), location);
    }
}
