using System.Globalization;
using System.Text;
using System.Xml;

namespace DailyPapers.Feed;

/// <summary>An Atom feed document (RFC 4287) before it is written.</summary>
public sealed record AtomFeed(
    string Id, string Title, DateTime Updated, string SelfUrl, string AlternateUrl, IReadOnlyList<AtomEntry> Entries);

/// <summary>One entry. <see cref="Summary"/> is plain text; <see cref="RelatedUrl"/> points at the arXiv abstract.</summary>
public sealed record AtomEntry(
    string Id, string Title, DateTime Updated, DateTime? Published, string Url, string RelatedUrl,
    IReadOnlyList<string> Authors, string? Summary, IReadOnlyList<string> Categories);

/// <summary>Writes Atom 1.0 with <see cref="XmlWriter"/>, which escapes every text and attribute value.</summary>
public static class AtomWriter
{
    public const string MediaType = "application/atom+xml";
    public const string ContentType = MediaType + "; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The feed as UTF-8 bytes (no byte order mark).</summary>
    public static byte[] Write(AtomFeed feed)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, feed.Id);
            WriteText(xml, "title", feed.Title);
            xml.WriteElementString("updated", Atom, Timestamp(feed.Updated));
            WriteLink(xml, "self", feed.SelfUrl, "application/atom+xml");
            WriteLink(xml, "alternate", feed.AlternateUrl, "text/html");
            WriteAuthor(xml, "DailyPapers");
            xml.WriteElementString("generator", Atom, "DailyPapers");
            foreach (var entry in feed.Entries)
            {
                WriteEntry(xml, entry);
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, AtomEntry entry)
    {
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, entry.Id);
        WriteText(xml, "title", entry.Title);
        xml.WriteElementString("updated", Atom, Timestamp(entry.Updated));
        if (entry.Published is { } published)
        {
            xml.WriteElementString("published", Atom, Timestamp(published));
        }
        WriteLink(xml, "alternate", entry.Url, "text/html");
        WriteLink(xml, "related", entry.RelatedUrl, "text/html");
        foreach (var author in entry.Authors)
        {
            WriteAuthor(xml, author);
        }
        if (!string.IsNullOrEmpty(entry.Summary))
        {
            WriteText(xml, "summary", entry.Summary);
        }
        // RFC 4287 requires a term; a stored category made only of characters XML cannot carry has none left.
        foreach (var term in entry.Categories.Select(XmlSafe).Where(term => !string.IsNullOrWhiteSpace(term)))
        {
            xml.WriteStartElement("category", Atom);
            xml.WriteAttributeString("term", term);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteText(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(XmlSafe(text));
        xml.WriteEndElement();
    }

    private static void WriteLink(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static void WriteAuthor(XmlWriter xml, string name)
    {
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, XmlSafe(name));
        xml.WriteEndElement();
    }

    /// <summary>RFC 3339 in UTC, as Atom's date constructs require.</summary>
    private static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops characters XML 1.0 cannot carry at all (control characters, lone surrogates), which
    /// imported titles and abstracts occasionally contain; escaping cannot represent them and the
    /// writer would throw.
    /// </summary>
    public static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }
            i += width - 1;
        }
        if (firstBad < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                builder.Append(text, i, width);
                i += width - 1;
            }
        }
        return builder.ToString();
    }

    private static bool IsXmlCharAt(string text, int i, out int width)
    {
        width = 1;
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            return true;
        }
        return XmlConvert.IsXmlChar(text[i]);
    }
}
