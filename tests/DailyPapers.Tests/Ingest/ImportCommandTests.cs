using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

public sealed class ImportCommandTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task MalformedRecordsAreReportedWithFileAndLineAndTheRestIsImported(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "2405.15738", "title": "One", "authors": ["Ada Lovelace"], "published": "2024-05-24"}""",
            """{"id": "2405.15739", "title": "Cut off""",
            """{"title": "No id"}""",
            """{"id": "2405.157", "title": "Invalid id"}""",
            """{"id": "2405.15740", "title": ""}""",
            """{"id": "2405.15741", "title": "Two", "hf_date": "2024-05-27", "upvotes": 12}""",
        ], TestContext.Current.CancellationToken);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.SomeSkipped, exitCode);
        Assert.Equal(
            [
                input + ":2: invalid JSON at $.title",
                input + ":3: missing id",
                input + ":4: invalid arXiv id '2405.157'",
                input + ":5: missing title",
            ],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(" (column", 2)[0]));
        Assert.Contains("read 6, inserted 2, updated 0, unchanged 0, merged duplicates 0, skipped 4, new daily entries 1;", stdout, StringComparison.Ordinal);
        await using var db = CatalogDump.Open(database);
        Assert.Equal(["2405.15738", "2405.15741"], await db.Papers.OrderBy(p => p.ArxivId).Select(p => p.ArxivId).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task FoldersAreSearchedAndARepeatedImportChangesNothing(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var folder = Directory.CreateDirectory(Path.Combine(database.DataDirectory, "inputs", "hf"));
        foreach (var name in new[] { "daily_papers__date=2025-03-05.json", "daily_papers__date=2025-06-23.json" })
        {
            File.Copy(IngestFixtures.PathOf("hf-api", name), Path.Combine(folder.FullName, name));
        }
        File.Copy(IngestFixtures.PathOf("hf-api", "SOURCES.md"), Path.Combine(folder.FullName, "SOURCES.md"));
        var inputs = Path.Combine(database.DataDirectory, "inputs");

        var first = await CliProcess.RunAsync(database, "import", inputs);
        string before;
        await using (var db = CatalogDump.Open(database))
        {
            before = await CatalogDump.ReadAsync(db, withTimes: true);
        }
        var second = await CliProcess.RunAsync(database, "import", inputs);

        Assert.Equal(ImportCommand.AllImported, first.ExitCode);
        Assert.Contains("read 20, inserted 20, updated 0, unchanged 0, merged duplicates 0, skipped 0, new daily entries 20;", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(ImportCommand.AllImported, second.ExitCode);
        Assert.Contains("read 20, inserted 0, updated 0, unchanged 20, merged duplicates 0, skipped 0, new daily entries 0;", second.Stdout, StringComparison.Ordinal);
        await using (var db = CatalogDump.Open(database))
        {
            Assert.Equal(before, await CatalogDump.ReadAsync(db, withTimes: true));
            Assert.Equal(2, await db.DailyEntries.Select(e => e.Day).Distinct().CountAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task TheDateOptionPlacesAResponseWhoseNameHasNoDay()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var input = Path.Combine(database.DataDirectory, "response.json");
        File.Copy(IngestFixtures.PathOf("hf-api", "daily_papers__date=2024-06-03.json"), input);

        var (exitCode, _, _) = await CliProcess.RunAsync(database, "import", input, "--date", "2024-06-04");

        Assert.Equal(ImportCommand.AllImported, exitCode);
        await using var db = CatalogDump.Open(database);
        Assert.Equal([new DateOnly(2024, 6, 4)], await db.DailyEntries.Select(e => e.Day).Distinct().ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("missing", "no such file or folder")]
    [InlineData("unknown", "unknown format")]
    [InlineData("bad-format", "--format: unknown format 'csv'")]
    [InlineData("bad-date", "--date: '2024-13-01' is not a day")]
    public async Task UnusableInputStopsBeforeImportingAnything(string @case, string message)
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var good = Path.Combine(database.DataDirectory, "good.jsonl");
        await File.WriteAllTextAsync(good, """{"id": "2405.15738", "title": "One"}""", TestContext.Current.CancellationToken);
        var unknown = Path.Combine(database.DataDirectory, "notes.json");
        await File.WriteAllTextAsync(unknown, """{"url": "x", "body": "<feed/>"}""", TestContext.Current.CancellationToken);
        string[] args = @case switch
        {
            "missing" => ["import", good, Path.Combine(database.DataDirectory, "nope.jsonl")],
            "unknown" => ["import", good, unknown],
            "bad-format" => ["import", good, "--format", "csv"],
            _ => ["import", good, "--date", "2024-13-01"],
        };

        var (exitCode, _, stderr) = await CliProcess.RunAsync(database, args);

        Assert.Equal(ImportCommand.UnusableInput, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(database.DataDirectory, "dailypapers.db")));
    }
}
