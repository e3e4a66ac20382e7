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

    public static List<ParsedItem> ParseText(RecordParser parser, string text, string fileName = "input.jsonl", ImportOptions? options = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return parser(stream, fileName, options ?? new ImportOptions()).ToList();
    }
}
