using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Ingest;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Accounts;

/// <summary>What became of a submission: on today's page, or why not.</summary>
public sealed record SubmitResult(bool Accepted, string ArxivId, string Message, int Status)
{
    public static SubmitResult Refused(string arxivId, string message, int status = StatusCodes.Status400BadRequest) => new(false, arxivId, message, status);
}

/// <summary>
/// A member puts a paper on today's page, as on Hugging Face: by arXiv id or URL, only within
/// <see cref="AccountOptions.SubmitWithinDays"/> of its first version, once per paper, only from a
/// confirmed account. A paper the catalog lacks is fetched from the arXiv API first; if arXiv cannot
/// be reached, nothing is stored. The paper (through the catalog writer, in its own transaction)
/// and the feed entry are written only once every rule has passed.
/// </summary>
public sealed class Submissions(AppDbContext db, CatalogWriter writer, ArxivLookup arxiv, IOptions<AccountOptions> options, IOptions<CatalogOptions> catalog, TimeProvider clock)
{
    public const string Source = "user";

    public async Task<SubmitResult> SubmitAsync(long accountId, string userName, string arxivId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var known = await db.Papers.ByArxivId(arxivId).Select(p => new { p.Id, p.PublishedAt }).SingleOrDefaultAsync(cancellationToken);
        if (known is not null && await db.DailyEntries.Where(e => e.PaperId == known.Id).OrderBy(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(cancellationToken) is { } featured)
        {
            return SubmitResult.Refused(arxivId, $"{arxivId} is already on the daily page of {Days.ToText(featured)}; a paper is submitted once.", StatusCodes.Status409Conflict);
        }
        var since = today.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var todays = await db.DailyEntries.CountAsync(e => e.SubmittedById == accountId && e.SubmittedAt >= since, cancellationToken);
        if (todays >= options.Value.SubmissionsPerDay)
        {
            return SubmitResult.Refused(arxivId, $"An account submits at most {options.Value.SubmissionsPerDay} papers a day; try again tomorrow.", StatusCodes.Status429TooManyRequests);
        }
        var record = known is null ? await arxiv.FindAsync(arxivId, cancellationToken) : null;
        if (known is null && record is null)
        {
            return SubmitResult.Refused(arxivId, $"arXiv has no paper {arxivId}.", StatusCodes.Status404NotFound);
        }
        var published = known?.PublishedAt ?? record!.PublishedAt;
        if (published is null)
        {
            return SubmitResult.Refused(arxivId, $"arXiv gives no date for {arxivId}'s first version, so it cannot be checked against the {options.Value.SubmitWithinDays}-day rule.");
        }
        var age = today.DayNumber - DateOnly.FromDateTime(published.Value).DayNumber;
        if (age > options.Value.SubmitWithinDays)
        {
            return SubmitResult.Refused(arxivId,
                $"{arxivId} first appeared on arXiv on {Days.ToText(DateOnly.FromDateTime(published.Value))}, {age} days ago; papers are submitted within {options.Value.SubmitWithinDays} days of their first version.");
        }
        if (record is not null && DayWindow.Today(catalog, clock).Check("published", record.PublishedAt) is { } implausible)
        {
            return SubmitResult.Refused(arxivId, $"arXiv's record for {arxivId} was refused: {implausible}.");
        }
        var paperId = known?.Id ?? await StoreAsync(record!, cancellationToken);
        db.DailyEntries.Add(new DailyEntry { PaperId = paperId, Day = today, SubmittedAt = now, SubmittedBy = userName, SubmittedById = accountId, Source = Source });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else put it on today's page a moment ago (the unique day+paper index decided).
            return SubmitResult.Refused(arxivId, $"{arxivId} was just submitted by someone else.", StatusCodes.Status409Conflict);
        }
        return new SubmitResult(true, arxivId, $"{arxivId} is on today's page.", StatusCodes.Status201Created);
    }

    private async Task<long> StoreAsync(PaperRecord record, CancellationToken cancellationToken)
    {
        await writer.WriteAsync([record], Source, cancellationToken);
        return await db.Papers.ByArxivId(record.ArxivId).Select(p => p.Id).SingleAsync(cancellationToken);
    }
}
