using System.Text.Json;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Ingest;

/// <summary>
/// Where the arXiv harvest stands, kept in <c>job_cursors</c> as JSON so a killed harvest resumes.
/// <see cref="Datestamp"/> is the watermark: every record changed on or before it has been
/// harvested. OAI-PMH does not order a list by datestamp, so the watermark only moves when a whole
/// list is done; while one is under way, <see cref="Pending"/> holds its resumption token and its
/// <c>from</c>, the safe place to restart when the token has expired.
/// </summary>
public sealed record OaiHarvestCursor(DateOnly? Datestamp, PendingList? Pending)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The cursor key: one watermark per set (<c>harvest:arxiv:oai</c>, <c>harvest:arxiv:oai:cs</c>).</summary>
    public static string Key(string? set) => set is null ? "harvest:arxiv:oai" : "harvest:arxiv:oai:" + set;

    public static async Task<OaiHarvestCursor> LoadAsync(AppDbContext db, string key, CancellationToken cancellationToken)
    {
        var row = await db.JobCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Name == key, cancellationToken);
        if (row is null)
        {
            return new OaiHarvestCursor(null, null);
        }
        try
        {
            return JsonSerializer.Deserialize<OaiHarvestCursor>(row.Value, Json) ?? new OaiHarvestCursor(null, null);
        }
        catch (JsonException exception)
        {
            throw new HarvestException($"The stored harvest cursor '{key}' is not readable ({exception.Message}); delete that row of job_cursors or pass --from.");
        }
    }

    public async Task SaveAsync(AppDbContext db, string key, DateTime now, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.Serialize(this, Json);
        var row = await db.JobCursors.SingleOrDefaultAsync(c => c.Name == key, cancellationToken);
        if (row is null)
        {
            db.JobCursors.Add(new JobCursor { Name = key, Value = value, UpdatedAt = now });
        }
        else
        {
            row.Value = value;
            row.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// A list being harvested: how it was asked for, the token for its next page (null before the first
/// request), how far it got, and the newest datestamp seen in it.
/// </summary>
public sealed record PendingList(DateOnly? From, DateOnly? Until, string Format, string? Token, DateOnly? MaxDatestamp, int Pages, long Records);
