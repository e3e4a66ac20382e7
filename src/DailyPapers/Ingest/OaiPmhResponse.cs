using System.Globalization;
using System.Xml;
using System.Xml.Linq;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// One OAI-PMH response (<c>ListRecords</c> or <c>GetRecord</c>) from arXiv, read one record at a time.
/// The head (<c>responseDate</c>, <c>error</c>s) is read by <see cref="Open"/>; the
/// <see cref="ResumptionToken"/> comes after the records, so it is known once
/// <see cref="Records"/> has been read to the end.
/// </summary>
public sealed class OaiPmhResponse
{
    internal static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";

    private readonly XmlReader _reader;
    private readonly string _displayName;
    private readonly DayWindow _window;
    private readonly RecordLocations _locations;
    private readonly List<OaiPmhError> _errors = [];
    private string? _headError;
    private string? _headErrorLocation;
    private int _failureLine = 1;
    private bool _read;

    private OaiPmhResponse(XmlReader reader, string displayName, DayWindow window)
    {
        _reader = reader;
        _displayName = displayName;
        _window = window;
        _locations = new RecordLocations(displayName);
    }

    public DateTime? ResponseDate { get; private set; }

    /// <summary>The protocol errors the repository answered with (empty for a normal response).</summary>
    public IReadOnlyList<OaiPmhError> Errors => _errors;

    /// <summary>
    /// True when the only problem is <c>noRecordsMatch</c>: an empty result (nothing changed in the
    /// range, or an empty set), which is not a failure.
    /// </summary>
    public bool IsEmptyResult => _errors.Count > 0 && _errors.All(e => e.Code == OaiPmhError.NoRecordsMatch);

    /// <summary>A failure: a protocol error other than <c>noRecordsMatch</c>.</summary>
    public OaiPmhError? Failure => _errors.FirstOrDefault(e => e.Code != OaiPmhError.NoRecordsMatch);

    /// <summary>Why the response could not be read as OAI-PMH at all (not XML, another document), else null.</summary>
    public string? Malformed { get; private set; }

    /// <summary>
    /// The list's <c>resumptionToken</c> once <see cref="Records"/> has been read: with a value when
    /// more pages follow, with an empty value on the last page of a list, null when the response
    /// carried none (a list that fits in one response).
    /// </summary>
    public ResumptionToken? ResumptionToken { get; private set; }

    /// <summary>The token to ask for the next page with, or null when this was the last page.</summary>
    public string? NextToken => string.IsNullOrEmpty(ResumptionToken?.Value) ? null : ResumptionToken.Value;

    /// <summary>
    /// Paper records only, for callers that read a saved response as a file. A response that breaks
    /// off after its head yields the records before the break, then throws <see cref="UnreadableInputException"/>.
    /// </summary>
    public static IEnumerable<ParsedItem> Parse(Stream stream, string displayName, DayWindow? window = null)
    {
        var response = Open(stream, displayName, window);
        if (response.Failure is { } failure)
        {
            yield return ParsedItem.Bad(response._locations.Line(response._failureLine), failure.ToString());
            yield break;
        }
        if (response.Malformed is { } malformed)
        {
            // A file that cannot be read as OAI-PMH at all (a DTD, not XML, another document) is an
            // error with its reason, never an import of nothing that looks like success.
            yield return ParsedItem.Bad(response._headErrorLocation ?? response._locations.Line(XmlInput.LineOf(response._reader)), malformed);
            yield break;
        }
        foreach (var record in response.Records())
        {
            if (response.Malformed is not null && record.Item is { } broken)
            {
                throw new UnreadableInputException(broken.Location, broken.Error!);
            }
            // Deleted records carry no metadata: there is nothing to import.
            if (record.Item is { } item)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Reads the response head. Never throws for bad input; see <see cref="Malformed"/>. Records dated
    /// outside <paramref name="window"/> come out as error items, and a datestamp outside it is
    /// dropped, so one bad header cannot move a harvest's watermark years ahead.
    /// </summary>
    public static OaiPmhResponse Open(Stream stream, string displayName, DayWindow? window = null)
    {
        var response = new OaiPmhResponse(XmlInput.CreateReader(stream), displayName, window ?? DayWindow.Any);
        try
        {
            response.ReadHead();
        }
        catch (XmlException exception)
        {
            response._headError = XmlInput.Describe(exception, "an OAI-PMH response");
            response._headErrorLocation = XmlInput.Location(displayName, exception, response._reader);
        }
        response.Malformed = response._headError;
        return response;
    }

    /// <summary>The records in order. Can be enumerated once.</summary>
    public IEnumerable<OaiRecord> Records()
    {
        if (_read)
        {
            throw new InvalidOperationException("The response's records were already read.");
        }
        _read = true;
        if (_headError is not null || _errors.Count > 0)
        {
            yield break;
        }
        while (true)
        {
            OaiRecord? record;
            var broken = false;
            try
            {
                record = ReadNextRecord();
            }
            catch (XmlException exception)
            {
                // Nothing after malformed XML can be trusted (not even a token): report and stop.
                Malformed = XmlInput.Describe(exception, "an OAI-PMH response");
                record = new OaiRecord(null, ParsedItem.Bad(XmlInput.Location(_displayName, exception, _reader), Malformed));
                broken = true;
                ResumptionToken = null;
                _reader.Dispose();
            }
            if (record is null)
            {
                yield break;
            }
            yield return Admit(record.Value);
            if (broken)
            {
                yield break;
            }
        }
    }

    private OaiRecord Admit(OaiRecord record)
    {
        var header = record.Header is { Datestamp: { } datestamp } known && !_window.Contains(datestamp)
            ? known with { Datestamp = null }
            : record.Header;
        return new OaiRecord(header, record.Item is { } item ? RecordDates.Admit(item, _window) : null);
    }

    private void ReadHead()
    {
        if (!XmlInput.MoveToNextElement(_reader))
        {
            _headError = "empty input: no OAI-PMH response";
            return;
        }
        if (_reader.LocalName != "OAI-PMH" || _reader.NamespaceURI != Oai.NamespaceName)
        {
            _headError = $"not an OAI-PMH response: the document starts with <{_reader.Name}>";
            return;
        }
        _reader.Read();
        while (XmlInput.MoveToNextElement(_reader))
        {
            switch (_reader.LocalName)
            {
                case "responseDate":
                    ResponseDate = ArxivText.IsoDate(_reader.ReadElementContentAsString());
                    break;
                case "error":
                    var code = _reader.GetAttribute("code") ?? "unknown";
                    if (code != OaiPmhError.NoRecordsMatch && !_errors.Any(e => e.Code != OaiPmhError.NoRecordsMatch))
                    {
                        _failureLine = XmlInput.LineOf(_reader);
                    }
                    _errors.Add(new OaiPmhError(code, SafeText.Clean(_reader.ReadElementContentAsString()) ?? ""));
                    break;
                case "ListRecords" or "GetRecord":
                    // The records follow: leave the reader inside the verb's element.
                    _reader.Read();
                    return;
                default:
                    _reader.Skip();
                    break;
            }
        }
    }

    private OaiRecord? ReadNextRecord()
    {
        while (XmlInput.MoveToNextElement(_reader))
        {
            switch (_reader.LocalName)
            {
                case "record":
                    var location = XmlInput.StartOf(_reader, _locations);
                    return OaiRecordReader.Read(XmlInput.ReadElement(_reader), location);
                case "resumptionToken":
                    ResumptionToken = ReadToken();
                    break;
                default:
                    _reader.Skip();
                    break;
            }
        }
        _reader.Dispose();
        return null;
    }

    private ResumptionToken ReadToken()
    {
        var element = XmlInput.ReadElement(_reader);
        static long? Number(XAttribute? attribute) =>
            long.TryParse((string?)attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new ResumptionToken(
            element.Value.Trim(),
            Number(element.Attribute("completeListSize")),
            Number(element.Attribute("cursor")),
            ArxivText.IsoDate((string?)element.Attribute("expirationDate")));
    }
}

/// <summary>An OAI-PMH <c>&lt;error code="…"&gt;</c>.</summary>
public sealed record OaiPmhError(string Code, string Message)
{
    public const string NoRecordsMatch = "noRecordsMatch";
    public const string BadResumptionToken = "badResumptionToken";

    public override string ToString() => $"OAI-PMH error {Code}: {Message}";
}

/// <summary>
/// Flow control of a long list: <paramref name="Value"/> is empty on the last page (the protocol's
/// way to say the list is complete); <paramref name="Cursor"/> counts the records sent before this page.
/// </summary>
public sealed record ResumptionToken(string Value, long? CompleteListSize, long? Cursor, DateTime? ExpirationDate);
