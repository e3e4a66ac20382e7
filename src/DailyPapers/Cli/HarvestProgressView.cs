using System.Globalization;
using DailyPapers.Ingest;

namespace DailyPapers.Cli;

/// <summary>
/// A harvest's progress as plain lines (one per page), readable both in a terminal and in the log
/// of a scheduled run. Unreadable records go to stderr as <c>location: reason</c>.
/// </summary>
public sealed class HarvestProgressView(TextWriter output, TextWriter errors) : IProgress<HarvestEvent>
{
    public void Report(HarvestEvent value)
    {
        switch (value)
        {
            case PageHarvested page:
                var of = page.Expected is { } expected ? $" of {expected.ToString(CultureInfo.InvariantCulture)} listed" : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{page.Label}: {page.Papers} papers, {page.Deleted} deleted, {page.Skipped} skipped | {page.TotalPapers} papers so far{of} | {page.PapersPerSecond:0.0} papers/s"));
                break;
            case RecordSkipped skipped:
                errors.WriteLine($"{skipped.Location}: {skipped.Error}");
                break;
            case RecordCut cut:
                errors.WriteLine($"{cut.Location}: kept, {cut.Note}");
                break;
            case HarvestNotice notice:
                output.WriteLine(notice.Message);
                break;
        }
    }
}
