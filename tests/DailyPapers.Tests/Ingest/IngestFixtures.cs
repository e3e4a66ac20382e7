using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

/// <summary>Recorded real inputs shipped with the tests (each folder has a SOURCES.md).</summary>
internal static class IngestFixtures
{
    public static string PathOf(string kind, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", kind, name);

    /// <summary>The recorded inputs of a kind, without the folder's SOURCES.md.</summary>
    public static IEnumerable<string> All(string kind) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", kind))
            .Where(path => !path.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Parses a fixture file the way the importer does (format detected, gzip handled).</summary>
    public static List<ParsedItem> Parse(string path, ImportOptions? options = null)
    {
        var format = InputFile.DetectFormat(path) ?? throw new InvalidDataException(path + ": no format recognizes it");
        using var input = InputFile.Open(path);
        return format.Parse(input.Content, Path.GetFileName(path), options ?? new ImportOptions()).ToList();
    }

    /// <summary>
    /// The items a parser yields before an input breaks off, and the break (what the importer
    /// reports as the input not read to the end), or null when it read to the end.
    /// </summary>
    public static (List<ParsedItem> Items, UnreadableInputException? Break) ReadToBreak(IEnumerable<ParsedItem> parsed)
    {
        var items = new List<ParsedItem>();
        try
        {
            foreach (var item in parsed)
            {
                items.Add(item);
            }
        }
        catch (UnreadableInputException broken)
        {
            return (items, broken);
        }
        return (items, null);
    }

    public static (List<ParsedItem> Items, UnreadableInputException? Break) ParseTextToBreak(RecordParser parser, string text, string fileName)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return ReadToBreak(parser(stream, fileName, new ImportOptions()));
    }

    /// <summary>1-based numbers of the lines that start (after indentation) with <paramref name="prefix"/>.</summary>
    public static List<int> LinesStartingWith(string text, string prefix) =>
        [.. text.Split('\n').Select((line, index) => (line, index)).Where(l => l.line.TrimStart().StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.index + 1)];

    public static List<ParsedItem> ParseText(RecordParser parser, string text, string fileName = "input.jsonl", ImportOptions? options = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return parser(stream, fileName, options ?? new ImportOptions()).ToList();
    }
}
