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

    /// <summary>The position of an XML error, for messages operators can act on.</summary>
    public static string Describe(XmlException exception) =>
        exception.LineNumber > 0
            ? $"malformed XML at line {exception.LineNumber}, position {exception.LinePosition}: {FirstSentence(exception.Message)}"
            : $"malformed XML: {FirstSentence(exception.Message)}";

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
