using System.Text;
using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// JSON and XML files broken off partway, through the real command: the records before the break
/// are imported, the break is listed with its file:line, and the exit code is the one docs/cli.md
/// gives an input that could not be read to the end (2).
/// </summary>
public sealed class CutOffInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("hf-api", "daily_papers__date=2025-03-05.json", "    \"paper\": {", "the file ends inside entry 4: it is cut off")]
    [InlineData("arxiv-oai", "saelim__ListRecordsResponse.xml", "<record>", "malformed XML at line ")]
    [InlineData("arxiv-atom", "arxivpy-2016__search_query_au_del_maestro.xml", "<entry>", "malformed XML at line ")]
    public async Task AFileCutOffInItsFourthRecordKeepsTheThreeBeforeAndSaysWhereItBroke(string kind, string name, string recordStart, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var whole = await File.ReadAllTextAsync(IngestFixtures.PathOf(kind, name), Ct);
        var fourth = NthIndexOf(whole, recordStart, 4);
        // Cut a little way into the fourth record, as a download that dropped does.
        var cut = whole[..(fourth + recordStart.Length + 40)];
        var input = Path.Combine(database.DataDirectory, Path.GetFileNameWithoutExtension(name) + "-cut" + Path.GetExtension(name));
        await File.WriteAllTextAsync(input, cut, new UTF8Encoding(false), Ct);
        // JSON names the record the cut is in by the line it starts on; XML the line where reading stopped.
        var line = kind == "hf-api"
            ? whole[..fourth].Count(c => c == '\n')
            : cut.Count(c => c == '\n') + 1;

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.UnusableInput, exitCode);
        Assert.Contains($"{input}:{line}: {reason}", stderr, StringComparison.Ordinal);
        Assert.Contains($"read 3, inserted 3, updated 0, unchanged 0, merged duplicates 0, skipped 0,", stdout, StringComparison.Ordinal);
        Assert.Contains($"; {input}: read to ", stdout, StringComparison.Ordinal);
        await using var db = CatalogDump.Open(database);
        Assert.Equal(3, await db.Papers.CountAsync(Ct));
    }

    [Fact]
    public async Task AJsonLinesFileWhoseFirstLineIsAnArrayImportsItsOtherLines()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """["2405.15738", "A record written as an array"]""",
            """{"id": "2405.15739", "title": "One"}""",
            """{"id": "2405.15740", "title": "Two"}""",
        ], Ct);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.SomeSkipped, exitCode);
        Assert.StartsWith($"{input}:1: not a JSON object: each line holds one record, {{\"id\": ...}}, and this one starts with '['", stderr, StringComparison.Ordinal);
        Assert.Contains("read 3, inserted 2, updated 0, unchanged 0, merged duplicates 0, skipped 1,", stdout, StringComparison.Ordinal);
    }

    private static int NthIndexOf(string text, string value, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at = text.IndexOf(value, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"fewer than {n} of {value}");
        }
        return at;
    }
}
