using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>Reads an Atom response with <see cref="XmlReader"/> and checks what RFC 4287 requires of it.</summary>
public static class AtomDocument
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static async Task<XDocument> ReadValidAsync(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, Async = true });
        var document = await XDocument.LoadAsync(reader, LoadOptions.None, TestContext.Current.CancellationToken);
        AssertValid(document);
        return document;
    }

    /// <summary>RFC 4287 4.1.1 and 4.1.2: the elements a feed and its entries must have, once each.</summary>
    public static void AssertValid(XDocument document)
    {
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        AssertOnce(feed, "id", "title", "updated");
        AssertAbsoluteIri(feed.Element(Atom + "id")!.Value);
        AssertTimestamp(feed.Element(Atom + "updated")!.Value);
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        var feedHasAuthor = feed.Elements(Atom + "author").Any();
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            AssertOnce(entry, "id", "title", "updated");
            AssertAbsoluteIri(entry.Element(Atom + "id")!.Value);
            AssertTimestamp(entry.Element(Atom + "updated")!.Value);
            Assert.True(entry.Elements(Atom + "published").Count() <= 1);
            foreach (var published in entry.Elements(Atom + "published"))
            {
                AssertTimestamp(published.Value);
            }
            // Without atom:content an entry needs an alternate link (4.1.1 / 4.1.2).
            var alternate = Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            AssertAbsoluteIri((string)alternate.Attribute("href")!);
            Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any(), "Every entry needs an author, its own or the feed's.");
            Assert.All(entry.Elements(Atom + "author"), a => Assert.Single(a.Elements(Atom + "name")));
            Assert.All(entry.Elements(Atom + "category"), c => Assert.False(string.IsNullOrEmpty((string?)c.Attribute("term"))));
        }
    }

    public static string Text(this XElement element, string name) => element.Element(Atom + name)!.Value;

    public static string? Link(this XElement element, string rel) =>
        (string?)element.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href");

    public static List<XElement> Entries(this XDocument document) => [.. document.Root!.Elements(Atom + "entry")];

    private static void AssertOnce(XElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.Single(parent.Elements(Atom + name));
        }
    }

    private static void AssertAbsoluteIri(string value) => Assert.True(Uri.TryCreate(value, UriKind.Absolute, out _), value);

    /// <summary>RFC 3339 date-time with an explicit zone (RFC 4287 3.3).</summary>
    private static void AssertTimestamp(string value) =>
        Assert.True(DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && (value.EndsWith('Z') || value[^6] is '+' or '-'), value);
}
