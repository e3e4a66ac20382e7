using System.Globalization;
using DailyPapers.Data;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>What to harvest from arXiv's OAI-PMH endpoint. Null <see cref="From"/> means "from the stored cursor".</summary>
public sealed record ArxivHarvestRequest(DateOnly? From = null, DateOnly? Until = null, string? Set = null, string? Format = null);

/// <summary>What a harvest run did.</summary>
public sealed record ArxivHarvestResult(int Pages, long Papers, long Deleted, long Skipped, WriteResult Written, DateOnly? Watermark);

/// <summary>
/// <c>ListRecords</c> over arXiv's OAI-PMH endpoint, page by page along the resumption tokens. Each
/// page is committed through <see cref="CatalogWriter"/>, then the cursor is saved, so a killed run
/// loses at most the page it was on: the next run resumes at the stored token, or restarts the list
/// from its <c>from</c> when the token has expired. Re-reading a page is harmless (upserts).
/// </summary>
public sealed class ArxivHarvester(
    HarvestClient client, CatalogWriter writer, AppDbContext db, IOptions<HarvestOptions> options, IOptions<CatalogOptions> catalog, TimeProvider clock)
{
    public const string Source = "harvest:arxiv";

    public async Task<ArxivHarvestResult> RunAsync(ArxivHarvestRequest request, IProgress<HarvestEvent>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var key = OaiHarvestCursor.Key(request.Set);
        var cursor = await OaiHarvestCursor.LoadAsync(db, key, cancellationToken);
        // Resuming keeps the interrupted list's format unless another is asked for.
        var format = request.Format ?? (request.From is null ? cursor.Pending?.Format : null) ?? options.Value.MetadataFormat;
        var list = StartList(request, cursor, format, progress);

        var written = WriteResult.None;
        long papers = 0, deleted = 0, skipped = 0;
        var pages = 0;
        var resumingStoredToken = list.Token is not null;
        while (true)
        {
            var label = $"{format} page {list.Pages + 1}";
            var url = ListRecordsUrl(list, request.Set);
            using var body = await client.GetAsync(url, progress, cancellationToken);
            var response = OaiPmhResponse.Open(body, label, DayWindow.Today(catalog, clock));
            if (response.Failure is { Code: OaiPmhError.BadResumptionToken } expired && resumingStoredToken)
            {
                // Tokens live for hours, not days: start the interrupted list over from its beginning.
                progress?.Report(new HarvestNotice($"The stored resumption token was refused ({expired.Message}); restarting the list from {Day(list.From)}."));
                list = list with { Token = null, Pages = 0, Records = 0 };
                resumingStoredToken = false;
                continue;
            }
            resumingStoredToken = false;
            ThrowOnFailure(response, url, label);

            var page = ReadPage(response, progress);
            if (response.Malformed is { } broken)
            {
                throw new HarvestException($"{label} ({url}): {broken}. Nothing of this page was stored; the next run starts again here.");
            }
            var result = await writer.WriteAsync(page.Papers, Source, cancellationToken);
            pages++;
            written = written.Add(result);
            papers += page.Papers.Count;
            deleted += page.Deleted;
            skipped += page.Skipped;
            list = list with
            {
                Token = response.NextToken,
                Pages = list.Pages + 1,
                Records = list.Records + page.Papers.Count + page.Deleted + page.Skipped,
                MaxDatestamp = Max(list.MaxDatestamp, page.MaxDatestamp),
            };
            cursor = list.Token is null
                ? new OaiHarvestCursor(Max(cursor.Datestamp, list.MaxDatestamp), null)
                : cursor with { Pending = list };
            await cursor.SaveAsync(db, key, clock.GetUtcNow().UtcDateTime, cancellationToken);
            progress?.Report(new PageHarvested(label, list.Pages, page.Papers.Count, page.Deleted, page.Skipped, papers,
                response.ResumptionToken?.CompleteListSize, clock.GetElapsedTime(started)));
            if (list.Token is null)
            {
                return new ArxivHarvestResult(pages, papers, deleted, skipped, written, cursor.Datestamp);
            }
        }
    }

    private static PendingList StartList(ArxivHarvestRequest request, OaiHarvestCursor cursor, string format, IProgress<HarvestEvent>? progress)
    {
        if (request.From is not null)
        {
            return new PendingList(request.From, request.Until, format, null, null, 0, 0);
        }
        if (cursor.Pending is { } pending)
        {
            var sameList = pending.Until == request.Until && pending.Format == format;
            progress?.Report(new HarvestNotice(sameList
                ? $"Resuming the interrupted harvest from {Day(pending.From)} after page {pending.Pages} ({pending.Records} records)."
                : $"Restarting the interrupted harvest from {Day(pending.From)} with the new --until/--format."));
            return sameList ? pending : new PendingList(pending.From, request.Until, format, null, null, 0, 0);
        }
        if (cursor.Datestamp is { } watermark)
        {
            return new PendingList(watermark, request.Until, format, null, null, 0, 0);
        }
        throw new HarvestException("No arXiv harvest has run on this database yet, so there is no date to continue from: give --from DAY (all of arXiv is about 2.7 million records).");
    }

    private Uri ListRecordsUrl(PendingList list, string? set)
    {
        var query = new List<string> { "verb=ListRecords" };
        if (list.Token is not null)
        {
            // The token is exclusive: no other argument may go with it.
            query.Add("resumptionToken=" + Uri.EscapeDataString(list.Token));
        }
        else
        {
            query.Add("metadataPrefix=" + Uri.EscapeDataString(list.Format));
            if (list.From is { } from)
            {
                query.Add("from=" + Day(from));
            }
            if (list.Until is { } until)
            {
                query.Add("until=" + Day(until));
            }
            if (set is not null)
            {
                query.Add("set=" + Uri.EscapeDataString(set));
            }
        }
        return new Uri(options.Value.OaiBaseUrl + "?" + string.Join('&', query));
    }

    private static void ThrowOnFailure(OaiPmhResponse response, Uri url, string label)
    {
        if (response.Malformed is { } malformed)
        {
            throw new HarvestException($"{label} ({url}): {malformed}");
        }
        if (response.Failure is { } failure)
        {
            var hint = failure.Code switch
            {
                OaiPmhError.BadResumptionToken => " The token expired or the list changed; run again with --from DAY to restart the list.",
                "cannotDisseminateFormat" => " Use --format arXiv or --format arXivRaw.",
                "badArgument" => " Check --from/--until (YYYY-MM-DD) and --set.",
                _ => "",
            };
            throw new HarvestException($"arXiv refused {label}: {failure}.{hint}", failure.Code);
        }
    }

    private static HarvestedPage ReadPage(OaiPmhResponse response, IProgress<HarvestEvent>? progress)
    {
        var page = new HarvestedPage();
        foreach (var record in response.Records())
        {
            page.MaxDatestamp = Max(page.MaxDatestamp, record.Header?.Datestamp);
            if (record.Header is { IsDeleted: true })
            {
                // arXiv withdraws by new version, not by deletion; a deleted record is left as the catalog has it.
                page.Deleted++;
            }
            else if (record.Item is { Record: { } paper } kept)
            {
                page.Papers.Add(paper);
                RecordCut.ReportAll(kept, progress);
            }
            else if (record.Item is { Error: { } error } item && record.Header is not null)
            {
                page.Skipped++;
                progress?.Report(new RecordSkipped(item.Location, error));
            }
        }
        return page;
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the beginning";

    private sealed class HarvestedPage
    {
        public List<PaperRecord> Papers { get; } = [];
        public int Deleted { get; set; }
        public int Skipped { get; set; }
        public DateOnly? MaxDatestamp { get; set; }
    }
}
