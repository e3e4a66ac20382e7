using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// A real input cut into what comes before the records, the records, and what follows, so files of
/// chosen records can be built in the input's own framing (its namespaces, its feed day in the name).
/// </summary>
public sealed record RecordLayout(FuzzFixture Fixture, Syntax Syntax, byte[] Prefix, IReadOnlyList<byte[]> Records, byte[] Separator, byte[] Suffix)
{
    public byte[] Join(IEnumerable<byte[]> records)
    {
        var output = new List<byte>(Prefix);
        var first = true;
        foreach (var record in records)
        {
            if (!first)
            {
                output.AddRange(Separator);
            }
            output.AddRange(record);
            first = false;
        }
        output.AddRange(Suffix);
        return [.. output];
    }
}

/// <summary>
/// Finds the records of an input by its syntax alone, never by format: lines of JSON lines, elements
/// of a JSON array, and in XML the element whose removal takes exactly one item from what the
/// format's parser reads (the deepest such, so a container of one record is not taken for it).
/// </summary>
internal static partial class RecordLayouts
{
    public static RecordLayout? Split(FuzzFixture fixture) => InputSyntax.Of(fixture.Content) switch
    {
        Syntax.JsonLines => Lines(fixture),
        Syntax.Json => ArrayElements(fixture),
        Syntax.Xml => XmlElements(fixture),
        _ => null,
    };

    private static RecordLayout Lines(FuzzFixture fixture)
    {
        var lines = Encoding.Latin1.GetString(fixture.Content).Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0)
            .Select(Encoding.Latin1.GetBytes)
            .ToList();
        return new RecordLayout(fixture, Syntax.JsonLines, [], lines, "\n"u8.ToArray(), "\n"u8.ToArray());
    }

    private static RecordLayout? ArrayElements(FuzzFixture fixture)
    {
        var content = fixture.Content;
        var reader = new Utf8JsonReader(content);
        var spans = new List<(int Start, int End)>();
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            spans.Add((start, (int)reader.BytesConsumed));
        }
        if (spans.Count == 0)
        {
            return null;
        }
        return new RecordLayout(fixture, Syntax.Json, content[..spans[0].Start], [.. spans.Select(s => content[s.Start..s.End])],
            ",\n"u8.ToArray(), content[spans[^1].End..]);
    }

    private sealed record Element(int Start, int End, int Depth, int Parent, string Name);

    private static RecordLayout? XmlElements(FuzzFixture fixture)
    {
        var text = Encoding.Latin1.GetString(fixture.Content);
        var elements = Elements(text);
        var items = Count(fixture, fixture.Content);
        var groups = elements.Select((element, index) => (element, index))
            .Where(e => e.element.Parent >= 0)
            .GroupBy(e => (e.element.Parent, e.element.Name))
            .OrderByDescending(g => g.First().element.Depth)
            .ThenByDescending(g => g.Count());
        foreach (var group in groups)
        {
            var members = group.Select(e => e.element).ToList();
            // Some records yield nothing (an OAI-PMH deleted record): one member that counts is enough.
            if (!members.Any(m => Count(fixture, Encoding.Latin1.GetBytes(text.Remove(m.Start, m.End - m.Start))) == items - 1))
            {
                continue;
            }
            return new RecordLayout(fixture, Syntax.Xml, Encoding.Latin1.GetBytes(text[..members[0].Start]),
                [.. members.Select(m => Encoding.Latin1.GetBytes(text[m.Start..m.End]))],
                members.Count > 1 ? Encoding.Latin1.GetBytes(text[members[0].End..members[1].Start]) : "\n"u8.ToArray(),
                Encoding.Latin1.GetBytes(text[members[^1].End..]));
        }
        return null;
    }

    private static int Count(FuzzFixture fixture, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return fixture.Format.Parse(stream, fixture.Name, new ImportOptions()).Count();
    }

    /// <summary>Element spans from a scan of the tags; enough for the recorded inputs, which are well-formed.</summary>
    private static List<Element> Elements(string text)
    {
        var elements = new List<Element>();
        var open = new Stack<(int Start, string Name, int Index)>();
        foreach (Match tag in Tag().Matches(text))
        {
            if (!tag.Groups["name"].Success)
            {
                continue;
            }
            var name = tag.Groups["name"].Value;
            var parent = open.Count > 0 ? open.Peek().Index : -1;
            if (tag.Groups["close"].Success)
            {
                var (_, _, index) = open.Pop();
                elements[index] = elements[index] with { End = tag.Index + tag.Length };
                continue;
            }
            elements.Add(new Element(tag.Index, tag.Index + tag.Length, open.Count, parent, name));
            if (!tag.Groups["empty"].Success)
            {
                open.Push((tag.Index, name, elements.Count - 1));
            }
        }
        return elements;
    }

    [GeneratedRegex(@"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!].*?>|<(?<close>/)?(?<name>[^\s/>]+)[^>]*?(?<empty>/)?>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
