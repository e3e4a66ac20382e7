using System.Globalization;
using DailyPapers.Data;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>What a Hugging Face harvest did.</summary>
public sealed record HfHarvestResult(int Days, long Papers, long Skipped, WriteResult Written);

/// <summary>
/// Hugging Face's daily papers, day by day: <c>GET /api/daily_papers?date=DAY</c>, each entry put on
/// the feed for that day. Each day is one batch (one transaction), so a re-run is harmless; the latest
/// day done is kept in <see cref="HfHarvestCursor"/> for the scheduled harvest.
/// </summary>
public sealed class HfHarvester(
    HarvestClient client, CatalogWriter writer, AppDbContext db, IOptions<HarvestOptions> options, IOptions<CatalogOptions> catalog, TimeProvider clock)
{
    public const string Source = "harvest:hf";

    // The API's largest page; a day rarely has more, and then the next page (p=1) is asked for.
    private const int PageSize = 100;

    public async Task<HfHarvestResult> RunAsync(DateOnly from, DateOnly until, IProgress<HarvestEvent>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var written = WriteResult.None;
        long papers = 0, skipped = 0;
        var days = 0;
        // Stops at until before stepping past it, so a range ending on the calendar's last day cannot overflow.
        for (var day = from; day <= until; day = day.AddDays(1))
        {
            days++;
            var label = "hf " + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (dayPapers, daySkipped) = await FetchDayAsync(day, label, progress, cancellationToken);
            written = written.Add(await writer.WriteAsync(dayPapers, Source, cancellationToken));
            await HfHarvestCursor.AdvanceAsync(db, day, clock.GetUtcNow().UtcDateTime, cancellationToken);
            papers += dayPapers.Count;
            skipped += daySkipped;
            progress?.Report(new PageHarvested(label, days, dayPapers.Count, 0, daySkipped, papers, null, clock.GetElapsedTime(started)));
            if (day == until)
            {
                break;
            }
        }
        return new HfHarvestResult(days, papers, skipped, written);
    }

    private async Task<(List<PaperRecord> Papers, int Skipped)> FetchDayAsync(DateOnly day, string label, IProgress<HarvestEvent>? progress, CancellationToken cancellationToken)
    {
        var papers = new List<PaperRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        for (var page = 0; ; page++)
        {
            var url = new Uri(options.Value.HfBaseUrl.TrimEnd('/') + "/api/daily_papers?date="
                + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + $"&limit={PageSize}&p={page}");
            using var body = await client.GetAsync(url, progress, cancellationToken);
            var items = HfApiParser.ReadResponse(body, page == 0 ? label : $"{label} p={page}", new ImportOptions(day) { Window = DayWindow.Today(catalog, clock) });
            var fresh = 0;
            foreach (var item in items)
            {
                if (item.Record is { } record)
                {
                    if (seen.Add(record.ArxivId))
                    {
                        RecordCut.ReportAll(item, progress);
                        papers.Add(record);
                        fresh++;
                    }
                }
                else
                {
                    skipped++;
                    progress?.Report(new RecordSkipped(item.Location, item.Error ?? "unreadable entry"));
                }
            }
            // A short page is the last; a page of nothing new means the API ignored p.
            if (items.Count < PageSize || fresh == 0)
            {
                return (papers, skipped);
            }
        }
    }
}
