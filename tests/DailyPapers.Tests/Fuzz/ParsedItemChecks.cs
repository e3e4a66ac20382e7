using DailyPapers.Ingest;
using DailyPapers.Papers;

namespace DailyPapers.Tests.Fuzz;

/// <summary>What every item a parser yields must be, whatever the input: a record the catalog can take, or an error that says where.</summary>
internal static class ParsedItemChecks
{
    public static void AssertWellFormed(IReadOnlyList<ParsedItem> items, string fileName, DayWindow window)
    {
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Location), "an item without a location");
            Assert.StartsWith(fileName, item.Location, StringComparison.Ordinal);
            if (item.Record is not { } record)
            {
                Assert.False(string.IsNullOrWhiteSpace(item.Error), $"{item.Location}: neither a record nor an error");
                continue;
            }
            Assert.True(item.Error is null, $"{item.Location}: both a record and an error ({item.Error})");
            // The id is the catalog's key: it must be in the one normalized spelling.
            Assert.True(ArxivId.TryParse(record.ArxivId, out var normalized, out var version) && normalized == record.ArxivId && version is null,
                $"{item.Location}: id '{record.ArxivId}' is not a normalized arXiv id");
            Assert.False(string.IsNullOrWhiteSpace(record.Title), $"{item.Location}: a record without a title");
            Assert.True(record.Version is null or (>= 1 and <= ArxivId.MaxVersion), $"{item.Location}: version {record.Version}");
            foreach (var (field, time) in new[] { ("published", record.PublishedAt), ("updated", record.UpdatedAt), ("submitted", record.SubmittedOnDailyAt) })
            {
                Assert.True(time is null || window.Contains(DateOnly.FromDateTime(time.Value)), $"{item.Location}: {field} {time:O} outside {window}");
            }
            Assert.True(record.FeaturedOn is null || window.Contains(record.FeaturedOn.Value), $"{item.Location}: feed day {record.FeaturedOn} outside {window}");
        }
    }
}
