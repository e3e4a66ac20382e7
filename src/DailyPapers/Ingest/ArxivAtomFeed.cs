using System.Globalization;
using System.Xml;
using System.Xml.Linq;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// An arXiv API response (<c>/api/query</c>): an Atom feed with OpenSearch paging and <c>arxiv:</c>
/// extensions, in the current shape and the pre-2020 one (namespaces declared on each element).
/// Entries are read one at a time. The API reports a bad query as a feed whose one entry has an id
/// under <c>/api/errors</c>; that becomes an error item, not a paper.
/// </summary>
public sealed class ArxivAtomFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";
    private static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";

    private readonly XmlReader? _reader;
    private readonly string _displayName;
    private readonly RecordLocations _locations;
    private string? _headError;
    private string? _headErrorLocation;
    private bool _read;

    private ArxivAtomFeed(XmlReader? reader, string displayName)
    {
        _reader = reader;
        _displayName = displayName;
        _locations = new RecordLocations(displayName);
    }

    /// <summary><c>opensearch:totalResults</c>: matches for the whole query, over all pages.</summary>
    public int? TotalResults { get; private set; }

    /// <summary><c>opensearch:startIndex</c>: 0-based offset of this page's first entry.</summary>
    public int? StartIndex { get; private set; }

    /// <summary><c>opensearch:itemsPerPage</c>: the page size the request asked for.</summary>
    public int? ItemsPerPage { get; private set; }

    /// <summary>The next page's <c>start</c>, or null when this page reached the end of the results.</summary>
    public int? NextStart(int entriesOnPage) =>
        StartIndex is int start && TotalResults is int total && start + entriesOnPage < total && entriesOnPage > 0
            ? start + entriesOnPage
            : null;

    /// <summary>
    /// True once <see cref="Items"/> has met XML it cannot read past (a cut-off or malformed feed);
    /// the last item says where and why.
    /// </summary>
    public bool BrokeOff { get; private set; }

    /// <summary>
    /// All entries of a saved feed (import); entries dated outside <paramref name="window"/> are
    /// error items. A feed that breaks off after its head yields the entries before the break, then
    /// throws <see cref="UnreadableInputException"/>.
    /// </summary>
    public static IEnumerable<ParsedItem> Parse(Stream stream, string displayName, DayWindow? window = null)
    {
        var feed = Open(stream, displayName);
        foreach (var item in feed.Items())
        {
            if (feed.BrokeOff)
            {
                throw new UnreadableInputException(item.Location, item.Error!);
            }
            yield return RecordDates.Admit(item, window ?? DayWindow.Any);
        }
    }

    /// <summary>
    /// Reads the feed head (paging numbers) up to the first entry; <see cref="Items"/> then streams
    /// the entries. Never throws for bad input: problems come out as error items.
    /// </summary>
    public static ArxivAtomFeed Open(Stream stream, string displayName)
    {
        var reader = XmlInput.CreateReader(stream);
        var feed = new ArxivAtomFeed(reader, displayName);
        try
        {
            feed.ReadHead();
        }
        catch (XmlException exception)
        {
            feed._headError = XmlInput.Describe(exception, "an Atom feed");
            feed._headErrorLocation = XmlInput.Location(displayName, exception, reader);
        }
        return feed;
    }

    /// <summary>The entries, in feed order. Can be enumerated once.</summary>
    public IEnumerable<ParsedItem> Items()
    {
        if (_read)
        {
            throw new InvalidOperationException("The feed's entries were already read.");
        }
        _read = true;
        if (_headError is not null)
        {
            yield return ParsedItem.Bad(_headErrorLocation ?? _locations.Line(XmlInput.LineOf(_reader!)), _headError);
            yield break;
        }
        while (true)
        {
            ParsedItem? item;
            try
            {
                item = ReadNextEntry();
            }
            catch (XmlException exception)
            {
                // Nothing after malformed XML can be trusted: report where it broke and stop.
                item = ParsedItem.Bad(XmlInput.Location(_displayName, exception, _reader!), XmlInput.Describe(exception, "an Atom feed"));
                BrokeOff = true;
                _reader!.Dispose();
            }
            if (item is null)
            {
                yield break;
            }
            yield return item.Value;
            if (BrokeOff)
            {
                yield break;
            }
        }
    }

    private void ReadHead()
    {
        var reader = _reader!;
        if (!XmlInput.MoveToNextElement(reader))
        {
            _headError = "empty input: no Atom feed";
            return;
        }
        if (reader.LocalName != "feed" || reader.NamespaceURI != Atom.NamespaceName)
        {
            _headError = $"not an Atom feed: the document starts with <{reader.Name}>";
            return;
        }
        reader.Read();
        while (XmlInput.MoveToNextElement(reader) && !IsEntry(reader))
        {
            if (reader.NamespaceURI == OpenSearch.NamespaceName)
            {
                var name = reader.LocalName;
                var value = int.TryParse(reader.ReadElementContentAsString().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null;
                switch (name)
                {
                    case "totalResults": TotalResults = value; break;
                    case "startIndex": StartIndex = value; break;
                    case "itemsPerPage": ItemsPerPage = value; break;
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static bool IsEntry(XmlReader reader) => reader.LocalName == "entry" && reader.NamespaceURI == Atom.NamespaceName;

    private ParsedItem? ReadNextEntry()
    {
        var reader = _reader!;
        while (XmlInput.MoveToNextElement(reader))
        {
            if (IsEntry(reader))
            {
                var location = XmlInput.StartOf(reader, _locations);
                return ToItem(XmlInput.ReadElement(reader), location);
            }
            reader.Skip();
        }
        reader.Dispose();
        return null;
    }

    private static ParsedItem ToItem(XElement entry, string location)
    {
        var idText = entry.Text(Atom + "id");
        if (idText is not null && idText.Contains("/api/errors", StringComparison.Ordinal))
        {
            return ParsedItem.Bad(location, "arXiv API error: " + (SafeText.Clean(entry.Text(Atom + "summary")) ?? idText));
        }
        if (!RecordChecks.TryId(idText, out var id, out var version, out var idError))
        {
            return ParsedItem.Bad(location, "entry id: " + idError);
        }
        var title = SafeText.Clean(entry.Text(Atom + "title"));
        if (title is null)
        {
            return ParsedItem.Bad(location, $"{id}: entry has no title");
        }
        var authors = entry.Elements(Atom + "author")
            .Select(author => SafeText.Clean(author.Text(Atom + "name")))
            .OfType<string>()
            .ToList();
        var categories = ArxivText.Categories(
            entry.Elements(Arxiv + "primary_category").Concat(entry.Elements(Atom + "category"))
                .Select(category => (string?)category.Attribute("term")));
        return ParsedItem.Ok(new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = title,
            Authors = authors.Count == 0 ? null : authors,
            Abstract = SafeText.Clean(entry.Text(Atom + "summary")),
            Categories = categories,
            PublishedAt = ArxivText.IsoDate(entry.Text(Atom + "published")),
            UpdatedAt = ArxivText.IsoDate(entry.Text(Atom + "updated")),
            Comments = SafeText.Clean(entry.Text(Arxiv + "comment")),
            JournalRef = SafeText.Clean(entry.Text(Arxiv + "journal_ref")),
            Doi = SafeText.Clean(entry.Text(Arxiv + "doi")),
        }, location);
    }
}
