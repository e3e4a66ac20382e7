using System.IO.Compression;
using System.Text.Json.Nodes;
using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// A real <c>kill -9</c> of a running import, then a re-run: the catalog must equal one clean run,
/// because every batch is one transaction and a re-run rewrites nothing that is already there.
/// </summary>
public sealed class ImportKillTests
{
    /// <summary>Copies of the 2,966-paper sample under new ids: about 15,000 papers, seven batches or more.</summary>
    private const int Copies = 5;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnImportKilledMidwayAndRunAgainEqualsOneCleanRun(Lane lane)
    {
        await using var clean = await TestDatabase.CreateAsync(lane);
        await using var killed = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(clean.DataDirectory, "corpus.jsonl.gz");
        var total = await WriteLargeInputAsync(input);

        var cleanRun = await CliProcess.RunAsync(clean, "import", input);
        Assert.Equal(ImportCommand.AllImported, cleanRun.ExitCode);

        long atKill;
        using (var run = CliProcess.Start(killed, "import", input))
        {
            // Kill once some batches are committed and well before the end.
            atKill = await WaitForPapersAsync(killed, run, atLeast: 2 * 2000);
            run.Kill();
            await run.WaitAsync(TimeSpan.FromMinutes(1));
        }
        Assert.InRange(atKill, 2 * 2000, total - 2000);
        var rerun = await CliProcess.RunAsync(killed, "import", input);

        Assert.Equal(ImportCommand.AllImported, rerun.ExitCode);
        await using var cleanDb = CatalogDump.Open(clean);
        await using var killedDb = CatalogDump.Open(killed);
        var expected = await CatalogDump.ReadAsync(cleanDb, withTimes: false);
        var actual = await CatalogDump.ReadAsync(killedDb, withTimes: false);
        Assert.Equal(total, await killedDb.Papers.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await CatalogDump.ForeignKeyViolationsAsync(killedDb));
        Assert.Equal(CatalogDump.Hash(expected), CatalogDump.Hash(actual));
        Assert.Equal(expected, actual);
    }

    /// <summary>The real sample, repeated under fresh ids (same titles, authors, abstracts), gzipped.</summary>
    private static async Task<int> WriteLargeInputAsync(string path)
    {
        var lines = new List<string>();
        using (var sample = new StreamReader(new GZipStream(File.OpenRead(IngestFixtures.PathOf("jsonl", "arxiv-corpus-sample.jsonl.gz")), CompressionMode.Decompress)))
        {
            while (await sample.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                lines.Add(line);
            }
        }
        await using var output = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
        for (var copy = 0; copy < Copies; copy++)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var paper = JsonNode.Parse(lines[i])!.AsObject();
                paper["id"] = $"{2601 + copy}.{i + 1:D5}";
                await output.WriteLineAsync(paper.ToJsonString());
            }
        }
        return Copies * lines.Count;
    }

    private static async Task<long> WaitForPapersAsync(TestDatabase database, CliProcess run, long atLeast)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(3))
        {
            Assert.False(run.HasExited, "the import ended before it could be killed");
            var count = await CountPapersAsync(database);
            if (count >= atLeast)
            {
                return count;
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the import wrote too little in three minutes");
        return 0;
    }

    private static async Task<long> CountPapersAsync(TestDatabase database)
    {
        try
        {
            if (database.Lane == Lane.Postgres)
            {
                await using var pg = new NpgsqlConnection(database.ConnectionString);
                await pg.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = new NpgsqlCommand("SELECT count(*) FROM papers", pg);
                return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            }
            var file = Path.Combine(database.DataDirectory, "dailypapers.db");
            if (!File.Exists(file))
            {
                return 0;
            }
            await using var sqlite = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await sqlite.OpenAsync(TestContext.Current.CancellationToken);
            await using var query = sqlite.CreateCommand();
            query.CommandText = "SELECT count(*) FROM papers";
            return (long)(await query.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
        catch (Exception exception) when (exception is SqliteException or PostgresException)
        {
            // Not migrated yet (no table) or locked for a moment: ask again.
            return 0;
        }
    }
}
