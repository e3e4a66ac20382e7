using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DailyPapers.Ingest;

/// <summary>
/// SQLite statements for <see cref="CatalogWriter"/>. SQLite runs in-process, so a prepared
/// statement executed once per row beats bulk forms (a batch as one JSON document read with
/// <c>json_each</c> measured 2-3 times slower for papers). Id lists travel as one JSON array
/// parameter, which also keeps clear of the bound-parameter limit.
/// </summary>
internal sealed class SqliteCatalogSql(DbTransaction transaction) : CatalogSql(transaction)
{
    /// <summary>
    /// A batch dirties index pages all over the author-name and author-link indexes; with SQLite's
    /// default 2 MB cache they spill to the WAL and are written several times per transaction. 64 MB
    /// holds a batch's pages, so each is written once. Negative values are KiB.
    /// </summary>
    private const int BatchCacheKib = -65536;

    /// <summary>SQLite's default (2 MB): pooled connections serving pages should not keep the bulk size.</summary>
    private const int DefaultCacheKib = -2000;

    public override async Task<long> LockChangeCounterAsync(CancellationToken cancellationToken)
    {
        // The transaction began IMMEDIATE (Microsoft.Data.Sqlite's default), so this connection already
        // holds the database's write lock: writers are serialized from the first statement on.
        await using (var pragma = Command($"PRAGMA cache_size = {BatchCacheKib}"))
        {
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = Command("SELECT value FROM change_counter WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async Task EndBatchAsync()
    {
        await using var pragma = Connection.CreateCommand();
        pragma.CommandText = $"PRAGMA cache_size = {DefaultCacheKib}";
        await pragma.ExecuteNonQueryAsync();
    }

    public override Task InsertAuthorsAsync(IReadOnlyList<string> names, IDictionary<string, long> ids, CancellationToken cancellationToken)
    {
        using var command = Command("INSERT INTO authors (name) VALUES (@name)");
        var name = Add(command, "name", "");
        command.Prepare();
        foreach (var each in names)
        {
            name.Value = each;
            command.ExecuteNonQuery();
            ids[each] = LastInsertedId();
        }
        return Task.CompletedTask;
    }

    public override Task InsertPapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken)
    {
        using var command = Command(
            $"INSERT INTO papers (arxiv_id, {string.Join(", ", ContentColumns)}, change_seq, created_at, modified_at) " +
            $"VALUES (@arxiv_id, {string.Join(", ", ContentColumns.Select(c => "@" + c))}, @change_seq, @now, @now)");
        var arxivId = Add(command, "arxiv_id", "");
        var content = ContentColumns.Select(column => Add(command, column, null)).ToArray();
        Add(command, "change_seq", changeSeq);
        Add(command, "now", now);
        command.Prepare();
        foreach (var plan in plans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            arxivId.Value = plan.ArxivId;
            SetContent(content, plan.State!);
            command.ExecuteNonQuery();
            plan.Id = LastInsertedId();
        }
        return Task.CompletedTask;
    }

    public override Task UpdatePapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken)
    {
        using var command = Command(
            $"UPDATE papers SET {string.Join(", ", ContentColumns.Select(c => c + " = @" + c))}, change_seq = @change_seq, modified_at = @now WHERE id = @id");
        var id = Add(command, "id", 0L);
        var content = ContentColumns.Select(column => Add(command, column, null)).ToArray();
        Add(command, "change_seq", changeSeq);
        Add(command, "now", now);
        command.Prepare();
        foreach (var plan in plans)
        {
            id.Value = plan.Id;
            SetContent(content, plan.State!);
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public override Task ReplaceAuthorLinksAsync(IReadOnlyList<(long PaperId, bool Existed, long[] AuthorIds)> papers, CancellationToken cancellationToken)
    {
        using var delete = Command("DELETE FROM paper_authors WHERE paper_id = @paper_id");
        var deleteId = Add(delete, "paper_id", 0L);
        using var insert = Command("INSERT INTO paper_authors (paper_id, position, author_id) VALUES (@paper_id, @position, @author_id)");
        var paperId = Add(insert, "paper_id", 0L);
        var position = Add(insert, "position", 0);
        var authorId = Add(insert, "author_id", 0L);
        delete.Prepare();
        insert.Prepare();
        foreach (var (id, existed, authorIds) in papers)
        {
            if (existed)
            {
                deleteId.Value = id;
                delete.ExecuteNonQuery();
            }
            paperId.Value = id;
            for (var i = 0; i < authorIds.Length; i++)
            {
                position.Value = i;
                authorId.Value = authorIds[i];
                insert.ExecuteNonQuery();
            }
        }
        return Task.CompletedTask;
    }

    public override Task InsertDailyEntriesAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, string source, CancellationToken cancellationToken)
    {
        using var command = Command("INSERT INTO daily_entries (paper_id, day, submitted_at, submitted_by, source) VALUES (@paper_id, @day, @submitted_at, @submitted_by, @source)");
        var paperId = Add(command, "paper_id", 0L);
        var day = Add(command, "day", DateOnly.MinValue);
        var submittedAt = Add(command, "submitted_at", DateTime.MinValue);
        var submittedBy = Add(command, "submitted_by", null);
        Add(command, "source", source);
        command.Prepare();
        foreach (var entry in entries)
        {
            paperId.Value = entry.PaperId;
            day.Value = entry.Day.Day;
            submittedAt.Value = entry.Day.SubmittedAt;
            submittedBy.Value = (object?)entry.Day.SubmittedBy ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public override Task UpdateSubmittersAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, CancellationToken cancellationToken)
    {
        using var command = Command("UPDATE daily_entries SET submitted_by = @submitted_by WHERE paper_id = @paper_id AND day = @day");
        var paperId = Add(command, "paper_id", 0L);
        var day = Add(command, "day", DateOnly.MinValue);
        var submittedBy = Add(command, "submitted_by", "");
        command.Prepare();
        foreach (var entry in entries)
        {
            paperId.Value = entry.PaperId;
            day.Value = entry.Day.Day;
            submittedBy.Value = entry.Day.SubmittedBy;
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    protected override string OneOf(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    protected override DbParameter ListParameter<T>(DbCommand command, string name, IReadOnlyCollection<T> values) =>
        Add(command, name, JsonSerializer.Serialize(values, IngestSqlJson.Default.GetTypeInfo(typeof(IReadOnlyCollection<T>))!));

    /// <summary>
    /// The rowid of this connection's last insert. Reading it directly costs a fraction of
    /// <c>RETURNING id</c>, which makes every insert a data reader.
    /// </summary>
    private long LastInsertedId() => SQLitePCL.raw.sqlite3_last_insert_rowid(((SqliteConnection)Connection).Handle);

    private static void SetContent(DbParameter[] parameters, PaperState state)
    {
        var values = ContentValues(state);
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<long>))]
internal sealed partial class IngestSqlJson : System.Text.Json.Serialization.JsonSerializerContext;
