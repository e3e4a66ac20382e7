using System.Data.Common;
using System.Text.Json;
using DailyPapers.Data;
using Microsoft.Data.Sqlite;

namespace DailyPapers.Ingest;

/// <summary>
/// SQLite statements for <see cref="CatalogWriter"/>. SQLite runs in-process, so a prepared
/// statement executed once per row beats bulk forms (a batch as one JSON document read with
/// <c>json_each</c> measured 2-3 times slower for papers); the row statements go through
/// <see cref="SqliteStatement"/>. Id lists for reads travel as one JSON array parameter, which
/// also keeps clear of the bound-parameter limit.
/// </summary>
internal sealed class SqliteCatalogSql(AppDbContext db, SqliteWalCheckpointer? checkpointer) : CatalogSql(db)
{
    /// <summary>
    /// Connection settings for writing batches. A batch dirties index pages all over the author-name
    /// and author-link indexes: SQLite's default 2 MB cache would spill them to the WAL and write
    /// them several times per transaction, 64 MB holds them. After each commit a
    /// <see cref="SqliteWalCheckpointer"/> copies the WAL into the database file in the background;
    /// the writer's own automatic checkpoint (which stops the writer for the copy and two fsyncs)
    /// remains as the backstop that lets the log start over, and then finds little left to copy.
    /// Whole arXiv-corpus imports, 32 KB pages: writer-only checkpoints every 64 MB of WAL
    /// 8,600-9,000 papers/s, every 512 MB 10,400-11,400 but with a 2 s checkpoint left for the
    /// end; with the background checkpoint, 9,500-10,800 at every backstop size tried and the
    /// command done 1-2 s sooner (docs/benchmarks.md, "Catalog import"). After a checkpoint the
    /// WAL file is cut back to 64 MB. SQLite counts the interval in pages, and page sizes differ
    /// between databases (see <see cref="DatabaseSetup.SqlitePageSize"/>). The pooled connection
    /// keeps these settings; the cache only grows as pages are read.
    /// </summary>
    private const int CacheKilobytes = 64 * 1024;

    private const long CheckpointEveryBytes = 256L * 1024 * 1024;

    private const long WalSizeLimitBytes = 64L * 1024 * 1024;

    private SqliteConnection Sqlite => (SqliteConnection)Connection;

    /// <summary>
    /// The batch's pages go on to the database file in the background while the next batch is
    /// written; the automatic checkpoint then finds little left to copy.
    /// </summary>
    protected override void AfterCommit() => checkpointer?.Request();

    /// <summary>
    /// Foreign keys are not checked while the writer links rows: every id it links was inserted or
    /// read under the writers' lock in this transaction or an earlier committed one, and the checks
    /// cost two B-tree lookups per author link, a third of the import (tests run
    /// <c>PRAGMA foreign_key_check</c> after writing). SQLite only switches this outside a
    /// transaction, and it is switched back before the pooled connection serves anything else,
    /// since deletes elsewhere rely on cascades.
    /// </summary>
    protected override async Task BeforeTransactionAsync(CancellationToken cancellationToken)
    {
        await using var pragma = Connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = OFF";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task AfterTransactionAsync()
    {
        await using var pragma = Connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON";
        await pragma.ExecuteNonQueryAsync();
    }

    public override async Task<long> LockChangeCounterAsync(CancellationToken cancellationToken)
    {
        // The transaction began IMMEDIATE (Microsoft.Data.Sqlite's default), so this connection already
        // holds the database's write lock: writers are serialized from the first statement on.
        long pageSize;
        await using (var read = Command("PRAGMA page_size"))
        {
            pageSize = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var pragmas = Command($"PRAGMA cache_size = -{CacheKilobytes}; PRAGMA wal_autocheckpoint = {CheckpointEveryBytes / pageSize}; PRAGMA journal_size_limit = {WalSizeLimitBytes};"))
        {
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = Command("SELECT value FROM change_counter WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override Task InsertAuthorsAsync(IReadOnlyList<string> names, IDictionary<string, long> ids, CancellationToken cancellationToken)
    {
        using var insert = new SqliteStatement(Sqlite, "INSERT INTO authors (name) VALUES (?1)");
        foreach (var name in names)
        {
            insert.Bind(1, name).Run();
            ids[name] = insert.LastInsertedId;
        }
        return Task.CompletedTask;
    }

    public override Task InsertPapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken)
    {
        // ?1 arxiv_id, ?2.. content, then change_seq and the two timestamps.
        var content = Enumerable.Range(2, ContentColumns.Length).Select(i => "?" + i);
        var tail = ContentColumns.Length + 2;
        using var insert = new SqliteStatement(Sqlite,
            $"INSERT INTO papers (arxiv_id, {string.Join(", ", ContentColumns)}, change_seq, created_at, modified_at) " +
            $"VALUES (?1, {string.Join(", ", content)}, ?{tail}, ?{tail + 1}, ?{tail + 1})");
        foreach (var plan in plans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BindContent(insert.Bind(1, plan.ArxivId), plan.State!).Bind(tail, changeSeq).Bind(tail + 1, now).Run();
            plan.Id = insert.LastInsertedId;
        }
        return Task.CompletedTask;
    }

    public override Task UpdatePapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken)
    {
        var tail = ContentColumns.Length + 2;
        using var update = new SqliteStatement(Sqlite,
            $"UPDATE papers SET {string.Join(", ", ContentColumns.Select((c, i) => $"{c} = ?{i + 2}"))}, change_seq = ?{tail}, modified_at = ?{tail + 1} WHERE id = ?1");
        foreach (var plan in plans)
        {
            BindContent(update.Bind(1, plan.Id), plan.State!).Bind(tail, changeSeq).Bind(tail + 1, now).Run();
        }
        return Task.CompletedTask;
    }

    public override Task ReplaceAuthorLinksAsync(IReadOnlyList<(long PaperId, bool Existed, long[] AuthorIds)> papers, CancellationToken cancellationToken)
    {
        using var delete = new SqliteStatement(Sqlite, "DELETE FROM paper_authors WHERE paper_id = ?1");
        using var insert = new SqliteStatement(Sqlite, "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?1, ?2, ?3)");
        foreach (var (paperId, existed, authorIds) in papers)
        {
            if (existed)
            {
                delete.Bind(1, paperId).Run();
            }
            for (var position = 0; position < authorIds.Length; position++)
            {
                insert.Bind(1, paperId).Bind(2, position).Bind(3, authorIds[position]).Run();
            }
        }
        return Task.CompletedTask;
    }

    public override Task InsertDailyEntriesAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, string source, CancellationToken cancellationToken)
    {
        using var insert = new SqliteStatement(Sqlite,
            "INSERT INTO daily_entries (paper_id, day, submitted_at, submitted_by, source) VALUES (?1, ?2, ?3, ?4, ?5)");
        foreach (var (paperId, day) in entries)
        {
            insert.Bind(1, paperId).Bind(2, day.Day).Bind(3, day.SubmittedAt).Bind(4, day.SubmittedBy).Bind(5, source).Run();
        }
        return Task.CompletedTask;
    }

    public override Task UpdateSubmittersAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, CancellationToken cancellationToken)
    {
        using var update = new SqliteStatement(Sqlite, "UPDATE daily_entries SET submitted_by = ?3 WHERE paper_id = ?1 AND day = ?2");
        foreach (var (paperId, day) in entries)
        {
            update.Bind(1, paperId).Bind(2, day.Day).Bind(3, day.SubmittedBy).Run();
        }
        return Task.CompletedTask;
    }

    /// <summary>Binds the content columns to parameters 2.. in <see cref="CatalogSql.ContentColumns"/> order.</summary>
    private static SqliteStatement BindContent(SqliteStatement statement, PaperState state)
    {
        var values = ContentValues(state);
        for (var i = 0; i < values.Length; i++)
        {
            statement.Bind(i + 2, values[i]);
        }
        return statement;
    }

    protected override string OneOf(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    protected override DbParameter ListParameter<T>(DbCommand command, string name, IReadOnlyCollection<T> values) =>
        Add(command, name, JsonSerializer.Serialize(values, IngestSqlJson.Default.GetTypeInfo(typeof(IReadOnlyCollection<T>))!));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<long>))]
internal sealed partial class IngestSqlJson : System.Text.Json.Serialization.JsonSerializerContext;
