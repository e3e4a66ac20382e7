using DailyPapers.Tests.Infrastructure;
using Npgsql;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// An import leaves PostgreSQL with statistics of the tables it wrote, so the first page queries on a
/// freshly imported catalog are planned for its real size rather than for empty tables (which, before
/// autovacuum came round, ran into the command timeout).
/// </summary>
public sealed class ImportStatisticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnImportOnPostgresAnalyzesTheTablesItWrote()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Postgres);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(1, 50).Select(i =>
            $$"""{"id": "2501.{{i:D5}}", "title": "Paper {{i}}", "authors": ["Ada Lovelace", "Alan Turing"], "hf_date": "2025-01-02"}"""), Ct);

        var (exitCode, _, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.True(exitCode == 0, stderr);
        var analyzed = await AnalyzedTablesAsync(database.ConnectionString!);
        Assert.Equal(["authors", "daily_entries", "paper_authors", "papers"], analyzed);
    }

    [Fact]
    public async Task ImportingTheSameFileAgainWritesNothingAndAnalyzesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Postgres);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        await File.WriteAllLinesAsync(input, ["""{"id": "2501.00001", "title": "Only paper", "hf_date": "2025-01-02"}"""], Ct);
        Assert.Equal(0, (await CliProcess.RunAsync(database, "import", input)).ExitCode);
        var first = await AnalyzeCountAsync(database.ConnectionString!);

        Assert.Equal(0, (await CliProcess.RunAsync(database, "import", input)).ExitCode);

        Assert.Equal(first, await AnalyzeCountAsync(database.ConnectionString!));
    }

    /// <summary>The catalog tables PostgreSQL has been asked to ANALYZE (autovacuum's own runs are counted apart).</summary>
    private static async Task<List<string>> AnalyzedTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN ('papers', 'authors', 'paper_authors', 'daily_entries') ORDER BY relname", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tables = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private static async Task<long> AnalyzeCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'papers'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
