using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DailyPapers.Data;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// The whole catalog as canonical text (papers by arXiv id, authors by name, links and entries by
/// paper), so two databases, or one database before and after, compare as strings.
/// </summary>
internal static class CatalogDump
{
    public static async Task<string> ReadAsync(AppDbContext db, bool withTimes)
    {
        var ct = TestContext.Current.CancellationToken;
        var text = new StringBuilder();
        string Time(DateTime? t) => t is { } v ? v.ToString("O", CultureInfo.InvariantCulture) : "-";

        var papers = await db.Papers.AsNoTracking().OrderBy(p => p.ArxivId).ToListAsync(ct);
        foreach (var p in papers)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"paper {p.ArxivId} v{p.Version} | {p.Title} | {p.Abstract} | {p.Categories} | {p.PrimaryCategory} | {Time(p.PublishedAt)} | {Time(p.UpdatedAt)} | " +
                $"{p.Comments} | {p.JournalRef} | {p.Doi} | {p.CodeUrl} | {p.ProjectUrl} | {p.GithubStars} | {p.AiSummary} | {p.AiKeywords} | " +
                $"{p.Upvotes} | {p.NumComments} | seq {p.ChangeSeq}") + (withTimes ? $" | {Time(p.CreatedAt)} | {Time(p.ModifiedAt)}" : ""));
        }
        foreach (var name in await db.Authors.AsNoTracking().Select(a => a.Name).OrderBy(n => n).ToListAsync(ct))
        {
            text.AppendLine("author " + name);
        }
        var links = await db.PaperAuthors.AsNoTracking()
            .Select(l => new { l.Paper!.ArxivId, l.Position, l.Author!.Name })
            .ToListAsync(ct);
        foreach (var l in links.OrderBy(l => l.ArxivId, StringComparer.Ordinal).ThenBy(l => l.Position))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"link {l.ArxivId} {l.Position} {l.Name}");
        }
        var entries = await db.DailyEntries.AsNoTracking()
            .Select(e => new { e.Paper!.ArxivId, e.Day, e.SubmittedAt, e.SubmittedBy, e.Source })
            .ToListAsync(ct);
        foreach (var e in entries.OrderBy(e => e.ArxivId, StringComparer.Ordinal).ThenBy(e => e.Day))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"entry {e.ArxivId} {e.Day:yyyy-MM-dd} {Time(e.SubmittedAt)} {e.SubmittedBy} {e.Source}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"counter {await ChangeCounterAsync(db)}");
        return text.ToString();
    }

    /// <summary>
    /// Rows pointing at rows that do not exist. PostgreSQL refuses them outright; on SQLite the
    /// writer does not have them checked while it writes (see SqliteCatalogSql), so tests ask.
    /// </summary>
    public static async Task<List<string>> ForeignKeyViolationsAsync(AppDbContext db)
    {
        var violations = new List<string>();
        if (!db.Database.IsSqlite())
        {
            return violations;
        }
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var check = db.Database.GetDbConnection().CreateCommand();
            check.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await check.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                violations.Add($"{reader.GetString(0)} row {reader.GetValue(1)} -> {reader.GetString(2)}");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return violations;
    }

    public static string Hash(string dump) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(dump)));

    public static Task<long> ChangeCounterAsync(AppDbContext db) =>
        db.ChangeCounters.AsNoTracking().Where(c => c.Id == 1).Select(c => c.Value).SingleAsync(TestContext.Current.CancellationToken);

    /// <summary>A context on an existing test database, for databases no app is hosting (the CLI wrote them).</summary>
    public static AppDbContext Open(TestDatabase database)
    {
        if (database.Lane == Lane.Postgres)
        {
            return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.ConnectionString).Options);
        }
        var file = Path.Combine(database.DataDirectory, "dailypapers.db");
        return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);
    }
}
