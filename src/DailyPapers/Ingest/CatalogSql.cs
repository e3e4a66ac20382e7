using System.Data.Common;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DailyPapers.Ingest;

/// <summary>
/// One batch's statements for <see cref="CatalogWriter"/>, on the DbContext's own connection and in
/// one transaction: created by <see cref="BeginAsync"/>, ended by disposing (which rolls back
/// unless <see cref="CommitAsync"/> ran). Reads are shared; each provider writes its fastest way
/// (<see cref="SqliteCatalogSql"/>: prepared single-row statements, which cost no round trip
/// in-process; <see cref="PostgresCatalogSql"/>: one multi-row statement per table from arrays,
/// since every statement is a network round trip).
/// </summary>
internal abstract class CatalogSql : IAsyncDisposable
{
    /// <summary>Paper content columns in <see cref="ContentValues"/> order.</summary>
    protected static readonly string[] ContentColumns =
    [
        "version", "title", "abstract", "categories", "primary_category", "published_at", "updated_at", "comments",
        "journal_ref", "doi", "code_url", "project_url", "github_stars", "ai_summary", "ai_keywords", "upvotes", "num_comments",
    ];

    protected static object?[] ContentValues(PaperState s) =>
    [
        s.Version, s.Title, s.Abstract, s.Categories, s.PrimaryCategory, s.PublishedAt, s.UpdatedAt, s.Comments,
        s.JournalRef, s.Doi, s.CodeUrl, s.ProjectUrl, s.GithubStars, s.AiSummary, s.AiKeywords, s.Upvotes, s.NumComments,
    ];

    private readonly AppDbContext _db;
    private IDbContextTransaction? _transaction;

    protected CatalogSql(AppDbContext db)
    {
        _db = db;
        Connection = db.Database.GetDbConnection();
    }

    protected DbConnection Connection { get; }

    protected DbTransaction Transaction => _transaction?.GetDbTransaction() ?? throw new InvalidOperationException("No batch transaction.");

    /// <summary>
    /// Opens the connection (held until dispose, so connection settings can be set before the
    /// transaction and undone after it) and begins the batch's transaction.
    /// </summary>
    public static async Task<CatalogSql> BeginAsync(AppDbContext db, SqliteWalCheckpointer? checkpointer, CancellationToken cancellationToken)
    {
        CatalogSql sql = db.Database.IsNpgsql() ? new PostgresCatalogSql(db) : new SqliteCatalogSql(db, checkpointer);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await sql.BeforeTransactionAsync(cancellationToken);
            sql._transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            return sql;
        }
        catch
        {
            await sql.DisposeAsync();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        AfterCommit();
    }

    /// <summary>Provider work once a batch is committed.</summary>
    protected virtual void AfterCommit()
    {
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
            await AfterTransactionAsync();
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Connection settings for a batch, which some providers only accept outside a transaction.</summary>
    protected virtual Task BeforeTransactionAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Undoes <see cref="BeforeTransactionAsync"/> before the connection goes back to the pool.</summary>
    protected virtual Task AfterTransactionAsync() => Task.CompletedTask;

    /// <summary>Takes the writers' lock (see "Change sequence" in the architecture notes) and returns the counter.</summary>
    public abstract Task<long> LockChangeCounterAsync(CancellationToken cancellationToken);

    public abstract Task InsertAuthorsAsync(IReadOnlyList<string> names, IDictionary<string, long> ids, CancellationToken cancellationToken);
    public abstract Task InsertPapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken);
    public abstract Task UpdatePapersAsync(IReadOnlyList<PaperPlan> plans, long changeSeq, DateTime now, CancellationToken cancellationToken);
    public abstract Task ReplaceAuthorLinksAsync(IReadOnlyList<(long PaperId, bool Existed, long[] AuthorIds)> papers, CancellationToken cancellationToken);
    public abstract Task InsertDailyEntriesAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, string source, CancellationToken cancellationToken);
    public abstract Task UpdateSubmittersAsync(IReadOnlyList<(long PaperId, DayRow Day)> entries, CancellationToken cancellationToken);

    /// <summary>A condition "<paramref name="column"/> is one of the values in parameter <paramref name="parameter"/>".</summary>
    protected abstract string OneOf(string column, string parameter);

    protected abstract DbParameter ListParameter<T>(DbCommand command, string name, IReadOnlyCollection<T> values);

    public async Task SetChangeCounterAsync(long value, CancellationToken cancellationToken)
    {
        await using var command = Command("UPDATE change_counter SET value = @value WHERE id = 1");
        Add(command, "value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored papers among <paramref name="arxivIds"/>, with their ordered authors and daily entries.</summary>
    public async Task<Dictionary<string, PaperPlan>> LoadPapersAsync(IReadOnlyCollection<string> arxivIds, CancellationToken cancellationToken)
    {
        var byArxivId = new Dictionary<string, PaperPlan>(StringComparer.Ordinal);
        var rows = new List<(long Id, string ArxivId, PaperState State)>();
        await using (var command = Command($"SELECT id, arxiv_id, {string.Join(", ", ContentColumns)} FROM papers WHERE {OneOf("arxiv_id", "@ids")}"))
        {
            ListParameter(command, "ids", arxivIds);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), ReadContent(reader, 2)));
            }
        }
        if (rows.Count == 0)
        {
            return byArxivId;
        }
        var ids = rows.Select(row => row.Id).ToArray();
        var authors = new Dictionary<long, List<string>>();
        await using (var command = Command($"SELECT pa.paper_id, a.name FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE {OneOf("pa.paper_id", "@ids")} ORDER BY pa.paper_id, pa.position"))
        {
            ListParameter(command, "ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var paperId = reader.GetInt64(0);
                if (!authors.TryGetValue(paperId, out var names))
                {
                    authors[paperId] = names = [];
                }
                names.Add(reader.GetString(1));
            }
        }
        var days = new Dictionary<long, List<DayRow>>();
        await using (var command = Command($"SELECT paper_id, day, submitted_at, submitted_by FROM daily_entries WHERE {OneOf("paper_id", "@ids")}"))
        {
            ListParameter(command, "ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var paperId = reader.GetInt64(0);
                if (!days.TryGetValue(paperId, out var list))
                {
                    days[paperId] = list = [];
                }
                list.Add(new DayRow(reader.GetFieldValue<DateOnly>(1), reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }
        foreach (var (id, arxivId, state) in rows)
        {
            var withAuthors = authors.TryGetValue(id, out var names) ? state with { Authors = names } : state;
            byArxivId[arxivId] = new PaperPlan(arxivId, id, withAuthors, days.GetValueOrDefault(id) ?? []);
        }
        return byArxivId;
    }

    /// <summary>Ids of the stored authors among <paramref name="names"/>, added to <paramref name="ids"/>.</summary>
    public async Task FindAuthorsAsync(IReadOnlyCollection<string> names, IDictionary<string, long> ids, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT id, name FROM authors WHERE {OneOf("name", "@names")}");
        ListParameter(command, "names", names);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(1)] = reader.GetInt64(0);
        }
    }

    private static PaperState ReadContent(DbDataReader reader, int first)
    {
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        DateTime? Time(int i) => reader.IsDBNull(first + i) ? null : DateTime.SpecifyKind(reader.GetDateTime(first + i), DateTimeKind.Utc);
        return new PaperState
        {
            Version = reader.GetInt32(first),
            Title = reader.GetString(first + 1),
            Abstract = Text(2),
            Categories = reader.GetString(first + 3),
            PrimaryCategory = Text(4),
            PublishedAt = Time(5),
            UpdatedAt = Time(6),
            Comments = Text(7),
            JournalRef = Text(8),
            Doi = Text(9),
            CodeUrl = Text(10),
            ProjectUrl = Text(11),
            GithubStars = reader.IsDBNull(first + 12) ? null : reader.GetInt32(first + 12),
            AiSummary = Text(13),
            AiKeywords = Text(14),
            Upvotes = reader.GetInt32(first + 15),
            NumComments = reader.GetInt32(first + 16),
        };
    }

    protected DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    protected static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        // With the prefix SQLite finds the parameter on the first lookup; without it, every
        // execution tries the bare name and then each prefix in turn.
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
