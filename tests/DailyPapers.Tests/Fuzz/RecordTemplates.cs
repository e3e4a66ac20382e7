using System.Text;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Fuzz;

/// <summary>A real record of a layout that reads as one good record, and can be given any id.</summary>
public sealed record RecordTemplate(RecordLayout Layout, byte[] Record, string Id)
{
    /// <summary>The record with every spelling of its id replaced (an id appears in URLs and OAI identifiers too).</summary>
    public byte[] WithId(string id) => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Record).Replace(Id, id, StringComparison.Ordinal));
}

internal static class RecordTemplates
{
    /// <summary>
    /// The records of <paramref name="layout"/> that, alone in the layout's framing and under a new
    /// id, parse as exactly one record with that id: those can stand for "a good record".
    /// </summary>
    public static List<RecordTemplate> Usable(RecordLayout layout, DayWindow window)
    {
        var templates = new List<RecordTemplate>();
        foreach (var record in layout.Records)
        {
            if (Parse(layout, [record], window) is not [{ Record: { } parsed }])
            {
                continue;
            }
            var template = new RecordTemplate(layout, record, parsed.ArxivId);
            const string Probe = "2412.99999";
            if (Parse(layout, [template.WithId(Probe)], window) is [{ Record.ArxivId: Probe }])
            {
                templates.Add(template);
            }
        }
        return templates;
    }

    public static List<ParsedItem> Parse(RecordLayout layout, IEnumerable<byte[]> records, DayWindow window) =>
        Parse(layout.Fixture.Format, layout.Join(records), layout.Fixture.Name, window);

    public static List<ParsedItem> Parse(ImportFormat format, byte[] content, string fileName, DayWindow window)
    {
        using var stream = new MemoryStream(content);
        return format.Parse(stream, fileName, new ImportOptions { Window = window }).ToList();
    }
}
