using System.Data.Common;
using DailyPapers.Data;
using Npgsql;

namespace DailyPapers.Ingest;

/// <summary>
/// PostgreSQL statements for <see cref="CatalogWriter"/>. Every statement is a network round trip,
/// so each table gets one multi-row statement per batch: columns travel as arrays and
/// <c>unnest</c> turns them back into rows.
/// </summary>
internal sealed class PostgresCatalogSql(AppDbContext db) : CatalogSql(db)
{
    /// <summary>PostgreSQL array types of <see cref="CatalogSql.ContentColumns"/>, in order.</summary>
    private static readonly string[] ContentTypes =
    [
        "integer", "text", "text", "text", "text", "timestamptz", "timestamptz", "text",
        "text", "text", "text", "text", "integer", "text", "text", "integer", "integer",
    ];

    public override async Task<long> LockChangeCounterAsync(CancellationToken cancellationToken)
    {
        // The row lock is held until commit, so writers are serialized from here on.
        await using var command = Command("SELECT value FROM change_counter WHERE id = 1 FOR UPDATE");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async Task InsertAuthorsAsync(IReadOnlyList<string> names, IDictionary<string, long> ids, CancellationToken cancellationToken)
    {
        await using var command = Command("INSERT INTO authors (name) SELECT unnest(@names::text[]) RETURNING id, name");
        Add(command, "names", names.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(1)] = reader.GetInt64(0);
        }
    }

    public override async Task InsertPapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"INSERT INTO papers (arxiv_id, {string.Join(", ", ContentColumns)}, change_seq, created_at, modified_at) " +
            $"SELECT u.*, @change_seq, @now, @now FROM unnest(@arxiv_id::text[], {ContentArrays()}) AS u RETURNING id, arxiv_id");
        Add(command, "arxiv_id", plans.Select(plan => plan.ArxivId).ToArray());
        AddContent(command, plans);
        Add(command, "change_seq", changeSeq);
        Add(command, "now", now);
        var byArxivId = plans.ToDictionary(plan => plan.ArxivId, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byArxivId[reader.GetString(1)].Id = reader.GetInt64(0);
        }
    }

    public override async Task UpdatePapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"UPDATE papers AS p SET {string.Join(", ", ContentColumns.Select(c => c + " = u." + c))}, change_seq = @change_seq, modified_at = @now " +
            $"FROM unnest(@id::bigint[], {ContentArrays()}) AS u(id, {string.Join(", ", ContentColumns)}) WHERE p.id = u.id");
        Add(command, "id", plans.Select(plan => plan.Id).ToArray());
        AddContent(command, plans);
        Add(command, "change_seq", changeSeq);
        Add(command, "now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task ReplaceAuthorLinksAsync(IReadOnlyList<(long PaperId, bool Existed, long[] AuthorIds)> papers, CancellationToken cancellationToken)
    {
        var existed = papers.Where(p => p.Existed).Select(p => p.PaperId).ToArray();
        if (existed.Length > 0)
        {
            await using var delete = Command("DELETE FROM paper_authors WHERE paper_id = ANY(@ids)");
            Add(delete, "ids", existed);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        var links = papers.SelectMany(p => p.AuthorIds.Select((authorId, position) => (p.PaperId, Position: position, AuthorId: authorId))).ToArray();
        if (links.Length == 0)
        {
            return;
        }
        await using var insert = Command("INSERT INTO paper_authors (paper_id, position, author_id) SELECT * FROM unnest(@paper_id::bigint[], @position::integer[], @author_id::bigint[])");
        Add(insert, "paper_id", links.Select(l => l.PaperId).ToArray());
        Add(insert, "position", links.Select(l => l.Position).ToArray());
        Add(insert, "author_id", links.Select(l => l.AuthorId).ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task InsertDailyEntriesAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, string source, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "INSERT INTO daily_entries (paper_id, day, submitted_at, submitted_by, source) " +
            "SELECT u.*, @source FROM unnest(@paper_id::bigint[], @day::date[], @submitted_at::timestamptz[], @submitted_by::text[]) AS u");
        Add(command, "paper_id", entries.Select(e => e.PaperId).ToArray());
        Add(command, "day", entries.Select(e => e.Day.Day).ToArray());
        Add(command, "submitted_at", entries.Select(e => e.Day.SubmittedAt).ToArray());
        Add(command, "submitted_by", entries.Select(e => e.Day.SubmittedBy).ToArray());
        Add(command, "source", source);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task UpdateSubmittersAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "UPDATE daily_entries AS e SET submitted_by = u.submitted_by " +
            "FROM unnest(@paper_id::bigint[], @day::date[], @submitted_by::text[]) AS u(paper_id, day, submitted_by) " +
            "WHERE e.paper_id = u.paper_id AND e.day = u.day");
        Add(command, "paper_id", entries.Select(e => e.PaperId).ToArray());
        Add(command, "day", entries.Select(e => e.Day.Day).ToArray());
        Add(command, "submitted_by", entries.Select(e => e.Day.SubmittedBy).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override string OneOf(string column, string parameter) => $"{column} = ANY({parameter})";

    protected override DbParameter ListParameter<T>(DbCommand command, string name, IReadOnlyCollection<T> values) =>
        Add(command, name, values.ToArray());

    private static string ContentArrays() =>
        string.Join(", ", ContentColumns.Select((column, i) => $"@{column}::{ContentTypes[i]}[]"));

    /// <summary>One array parameter per content column, each holding that column's value for every plan.</summary>
    private static void AddContent(DbCommand command, IReadOnlyList<PaperPlan> plans)
    {
        var rows = plans.Select(plan => ContentValues(plan.State!)).ToArray();
        for (var i = 0; i < ContentColumns.Length; i++)
        {
            var column = i;
            var values = rows.Select(row => row[column]);
            object array = ContentTypes[i] switch
            {
                "integer" => values.Select(v => (int?)v).ToArray(),
                "timestamptz" => values.Select(v => (DateTime?)v).ToArray(),
                _ => values.Select(v => (string?)v).ToArray(),
            };
            command.Parameters.Add(new NpgsqlParameter("@" + ContentColumns[i], array));
        }
    }
}
