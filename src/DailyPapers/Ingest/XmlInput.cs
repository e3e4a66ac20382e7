using System.Xml;
using System.Xml.Linq;

namespace DailyPapers.Ingest;

/// <summary>
/// Reading untrusted XML (arXiv API and OAI-PMH responses, files handed to <c>import</c>) safely and
/// one record at a time.
/// </summary>
internal static class XmlInput
{
    /// <summary>
    /// No DTDs (so no entity expansion or external entities: XXE and billion-laughs are refused), no
    /// resolver, comments and processing instructions skipped. Neither source sends a DOCTYPE.
    /// </summary>
    public static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    });

    /// <summary>Moves to the next start element at or after the current node; false at end of input.</summary>
    public static bool MoveToNextElement(XmlReader reader)
    {
        while (reader.NodeType != XmlNodeType.Element)
        {
            if (!reader.Read())
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Reads the element the reader is on into a small tree and leaves the reader after it.</summary>
    public static XElement ReadElement(XmlReader reader) => (XElement)XNode.ReadFrom(reader);

    /// <summary>
    /// The position of an XML error, for messages operators can act on. A DTD and a file that is not
    /// XML at all (JSON read with an XML format, say) are named as such, since the parser's own words
    /// ("For security reasons DTD is prohibited", "Data at the root level is invalid") do not say
    /// what to do. <paramref name="document"/> is what was expected, such as "an OAI-PMH response".
    /// </summary>
    public static string Describe(XmlException exception, string document = "the document")
    {
        if (exception.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return $"DTDs are not allowed ({document} has none)";
        }
        if (exception.LineNumber == 1 && exception.LinePosition <= 1 && exception.Message.StartsWith("Data at the root level is invalid", StringComparison.Ordinal))
        {
            return $"not XML ({document} was expected)";
        }
        return exception.LineNumber > 0
            ? $"malformed XML at line {exception.LineNumber}, position {exception.LinePosition}: {FirstSentence(exception.Message)}"
            : $"malformed XML: {FirstSentence(exception.Message)}";
    }

    /// <summary><c>file:line</c> of an XML error: the exception's line, else the reader's (a refused DTD carries none), else 1.</summary>
    public static string Location(string fileName, XmlException exception, XmlReader reader)
    {
        var line = exception.LineNumber > 0 ? exception.LineNumber : LineOf(reader);
        return fileName + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The line the reader is on (1 when it cannot say, as before the first read).</summary>
    public static int LineOf(XmlReader reader) => reader is IXmlLineInfo { LineNumber: > 0 } info ? info.LineNumber : 1;

    /// <summary>Where the element the reader is on starts, as a record location.</summary>
    public static string StartOf(XmlReader reader, RecordLocations locations) =>
        // An element's LinePosition is that of its name, one past the '<'.
        reader is IXmlLineInfo { LineNumber: > 0 } info ? locations.Start(info.LineNumber, Math.Max(1, info.LinePosition - 1)) : locations.Line(1);

    // XmlException messages repeat the position at the end ("Line 3, position 7."); it is said already.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    /// <summary>Trimmed text of a child element, or null when it is absent or blank.</summary>
    public static string? Text(this XElement parent, XName name)
    {
        var value = parent.Element(name)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
